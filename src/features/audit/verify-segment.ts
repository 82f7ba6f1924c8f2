/**
 * Verification of the chain as consecutive segments: each segment is read batch by batch (PostgreSQL does
 * the hashing and returns a summary per batch), then `stitchSegments` joins the segments, checking the links
 * between them and every checkpoint. Segments can run in parallel on separate connections.
 */
import type { Knex } from 'knex';
import { GENESIS_HASH } from './canonical.ts';
import type { Checkpoint } from './checkpoint-repository.ts';
import { verifyBatch } from './verify-repository.ts';

export interface SegmentResult {
  count: number;
  first: { id: number; prevHash: string } | null;
  last: { id: number; hash: string } | null;
  /** The first event in the segment that does not verify, and how many valid events precede it in the segment. */
  failure: { eventId: number; problem: string; validBefore: number } | null;
  /** For watched ids (checkpoint heads) found here: their 1-based position in the segment and their hash. */
  watched: Map<number, { position: number; hash: string }>;
}

export type Verification =
  { ok: true; count: number; headHash: string; checkpoints: number } | { ok: false; count: number; eventId: number | null; problem: string };

function linkProblem(previousId: number | null): string {
  return `prev_hash does not match the hash of the event before it (${previousId ?? 'none'}): an event was removed, inserted or reordered here`;
}

const CONTENT_PROBLEM = 'its hash does not match its content: a column of this event was changed';

/** Verifies the events with afterId < id <= upToId, in id ranges of `batchSize`. */
export async function verifySegment(
  knex: Knex,
  range: { afterId: number; upToId: number; batchSize: number },
  watchIds: readonly number[],
  onBatch?: (verified: number) => void,
): Promise<SegmentResult> {
  const result: SegmentResult = { count: 0, first: null, last: null, failure: null, watched: new Map() };
  for (let afterId = range.afterId; afterId < range.upToId; afterId += range.batchSize) {
    const upToId = Math.min(afterId + range.batchSize, range.upToId);
    const batch = await verifyBatch(knex, { afterId, upToId }, result.last?.hash ?? null, watchIds);
    if (batch.count === 0) continue;
    result.first ??= batch.first;
    if (batch.bad) {
      const previousId = batch.bad.previousId ?? result.last?.id ?? null;
      result.failure = {
        eventId: batch.bad.id,
        validBefore: result.count + batch.bad.validBefore,
        problem: batch.bad.kind === 'link' ? linkProblem(previousId) : CONTENT_PROBLEM,
      };
      return result;
    }
    for (const watched of batch.watched) result.watched.set(watched.id, { position: result.count + watched.position, hash: watched.hash });
    result.count += batch.count;
    result.last = batch.last;
    onBatch?.(batch.count);
  }
  return result;
}

function describe(checkpoint: Checkpoint): string {
  return `checkpoint ${checkpoint.id} (${checkpoint.createdAt.toISOString()})`;
}

/** Joins consecutive segment results into the verdict on the whole chain, checkpoints included. */
export function stitchSegments(segments: readonly SegmentResult[], checkpoints: readonly Checkpoint[]): Verification {
  let count = 0;
  let head: { id: number; hash: string } | null = null;
  const positions = new Map<number, { position: number; hash: string }>();
  for (const segment of segments) {
    if (segment.first && segment.first.prevHash !== (head?.hash ?? GENESIS_HASH)) {
      return { ok: false, count, eventId: segment.first.id, problem: linkProblem(head?.id ?? null) };
    }
    if (segment.failure) return { ok: false, count: count + segment.failure.validBefore, eventId: segment.failure.eventId, problem: segment.failure.problem };
    for (const [id, watched] of segment.watched) positions.set(id, { position: count + watched.position, hash: watched.hash });
    count += segment.count;
    head = segment.last ?? head;
  }

  for (const checkpoint of checkpoints) {
    if (checkpoint.eventCount > count) {
      return {
        ok: false,
        count,
        eventId: head?.id ?? null,
        problem: `${describe(checkpoint)} recorded ${checkpoint.eventCount} events, but the chain has only ${count}: the newest events were removed`,
      };
    }
    const found = checkpoint.headId === null ? { position: 0, hash: GENESIS_HASH } : positions.get(checkpoint.headId);
    if (found?.position !== checkpoint.eventCount || found.hash !== checkpoint.headHash) {
      return {
        ok: false,
        count,
        eventId: checkpoint.headId,
        problem: `${describe(checkpoint)} recorded event ${checkpoint.headId ?? '-'} with hash ${checkpoint.headHash} as event number ${checkpoint.eventCount}, but the chain no longer has it there: history was rewritten`,
      };
    }
  }
  return { ok: true, count, headHash: head?.hash ?? GENESIS_HASH, checkpoints: checkpoints.length };
}

/**
 * The audit trail every feature writes to: `record(trx, event)` appends an event to the hash chain inside the
 * transaction of the change it describes, so the change and its record commit — or fail — together.
 * Call it in READ COMMITTED transactions (knex's default), ideally as the last statement: the chain lock is
 * held until the transaction ends.
 */
import type { Knex } from 'knex';
import { z } from 'zod';
import { availableParallelism } from 'node:os';
import { groupedWrites } from '../../db/grouped-writes.ts';
import { ACTOR_TYPES, GENESIS_HASH, type ActorType, type DetailValue, type Details } from './canonical.ts';
import { stitchSegments, verifySegment, type Verification } from './verify-segment.ts';
import { allCheckpoints, chainHead, insertCheckpoint, newestCheckpoint, type Checkpoint } from './checkpoint-repository.ts';
import { appendEvent, appendEvents, caseViewEvents, lockChain, type CaseViewRow, type StoredEvent } from './repository.ts';

export type { CaseViewRow };
import { segmentBounds } from './verify-repository.ts';

export type { Checkpoint, StoredEvent };

/**
 * Details hold ids, field names and codes — never free text or personal data. Strings are therefore short
 * tokens without spaces; a sentence typed by a user cannot pass.
 */
const token = z.string().regex(/^[\w.:@/+=-]{0,128}$/, 'audit details take ids and codes, not free text');
const detailValue: z.ZodType<DetailValue> = z.lazy(() =>
  z.union([token, z.number(), z.boolean(), z.null(), z.array(detailValue).max(50), z.record(z.string().regex(/^\w{1,64}$/), detailValue)]),
);

const eventSchema = z.object({
  actorType: z.enum(ACTOR_TYPES),
  actorId: z
    .union([z.string().regex(/^[\w.:@-]{1,64}$/), z.number().int()])
    .nullish()
    .transform((value) => (value === undefined || value === null ? null : String(value))),
  action: z
    .string()
    .regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/, 'actions are dotted verbs such as case.submitted')
    .max(64),
  entityType: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,31}$/)
    .nullish()
    .transform((value) => value ?? null),
  entityId: z
    .union([z.string().regex(/^[\w.:@-]{1,64}$/), z.number().int()])
    .nullish()
    .transform((value) => (value === undefined || value === null ? null : String(value))),
  requestId: z
    .string()
    .max(64)
    .nullish()
    .transform((value) => value ?? null),
  details: z.record(z.string().regex(/^\w{1,64}$/), detailValue).default({}),
});

export interface AuditEventInput {
  actorType: ActorType;
  actorId?: string | number | null;
  action: string;
  entityType?: string | null;
  entityId?: string | number | null;
  requestId?: string | null;
  details?: Details;
}

/** Appends one event to the chain within `trx` (the chain stays locked for other appenders until `trx` ends). */
export function record(trx: Knex.Transaction, input: AuditEventInput): Promise<StoredEvent> {
  return appendEvent(trx, eventSchema.parse(input));
}

/**
 * Who at the authority opened a case, for the citizen it belongs to: each read's time and the reader's role,
 * never their name (the most recent `limit`).
 */
export function staffReadsOfCase(knex: Knex, reference: string, limit = 100): Promise<CaseViewRow[]> {
  return caseViewEvents(knex, reference, limit);
}

/**
 * Events written on their own, grouped: those that arrive while the previous group is being committed go
 * together in the next transaction (db/grouped-writes.ts), in the order they came.
 */
const appendAlone = groupedWrites(appendEvents);

/**
 * For events that accompany no other change (a search, a case opened, a failed login): appended in a transaction
 * of their own, shared with the events of other requests of the same moment; settles once the event is durable.
 */
export async function recordAlone(knex: Knex, input: AuditEventInput): Promise<StoredEvent> {
  return appendAlone(knex, eventSchema.parse(input));
}

export type { Verification };

export interface VerifyOptions {
  batchSize?: number;
  /** Stretches of the chain verified at once, each on its own connection (default: one per CPU). */
  parallel?: number;
  /** Called as batches are verified, with the total verified so far. */
  onProgress?: (verified: number) => void;
}

/**
 * Re-verifies the whole chain in batches — PostgreSQL recomputes each hash and returns only a summary, so
 * memory stays constant — and checks that every checkpoint still matches it. A long chain is split into
 * stretches verified in parallel; the links between them are checked when they are joined.
 */
export async function verifyChain(knex: Knex, options: VerifyOptions = {}): Promise<Verification> {
  const batchSize = options.batchSize ?? 50_000;
  const checkpoints = await allCheckpoints(knex);
  const watchIds = checkpoints.flatMap((checkpoint) => (checkpoint.headId === null ? [] : [checkpoint.headId]));
  const bounds = await segmentBounds(knex, Math.max(1, options.parallel ?? availableParallelism()));
  let verified = 0;
  const onBatch = (count: number): void => {
    verified += count;
    options.onProgress?.(verified);
  };
  const segments = await Promise.all(
    bounds.map((upToId, index) => verifySegment(knex, { afterId: index === 0 ? 0 : (bounds[index - 1] ?? 0), upToId, batchSize }, watchIds, onBatch)),
  );
  return stitchSegments(segments, checkpoints);
}

/** Records the chain's current length and head, for later verification and for publication. */
export function writeCheckpoint(knex: Knex): Promise<Checkpoint> {
  return knex.transaction(async (trx) => {
    await lockChain(trx);
    const head = await chainHead(trx);
    return insertCheckpoint(trx, { eventCount: head.count, headId: head.headId, headHash: head.headHash ?? GENESIS_HASH });
  });
}

/** The newest checkpoint: what the public statistics page publishes. */
export function latestCheckpoint(knex: Knex): Promise<Checkpoint | undefined> {
  return newestCheckpoint(knex);
}

export { listEvents, type EventFilter } from './repository.ts';

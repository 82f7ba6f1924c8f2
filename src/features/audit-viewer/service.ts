/**
 * What the audit viewer reads: a page of events, the newest checkpoint, and the chain's verification. Verifying
 * a long chain takes seconds, so its result is kept for five minutes; "verify now" runs it again (and says so
 * on the trail).
 */
import type { Knex } from 'knex';
import {
  latestCheckpoint,
  listEvents,
  recordAlone,
  verifyChain,
  type Checkpoint,
  type EventFilter,
  type StoredEvent,
  type Verification,
} from '../audit/service.ts';

const PAGE_SIZE = 50;
const RESULT_TTL_MS = 5 * 60 * 1000;

export interface Checked {
  at: Date;
  result: Verification;
}

export interface AuditViewer {
  /** The kept verification, or a fresh one when it is older than five minutes or `force` is set. */
  verification(force: boolean): Promise<Checked>;
  latestCheckpoint(): Promise<Checkpoint | undefined>;
  /** One page of events, newest first, and the id to continue before. */
  events(filter: EventFilter): Promise<{ events: StoredEvent[]; nextBeforeId?: number }>;
  /** Verifies now and records who asked, with the outcome. */
  verifyNow(staffId: number, requestId: string | null): Promise<void>;
}

export function createAuditViewer(knex: Knex): AuditViewer {
  let last: Checked | undefined;
  const verification = async (force: boolean): Promise<Checked> => {
    if (force || !last || Date.now() - last.at.getTime() > RESULT_TTL_MS) last = { at: new Date(), result: await verifyChain(knex) };
    return last;
  };
  return {
    verification,
    latestCheckpoint: () => latestCheckpoint(knex),
    events: (filter) => listEvents(knex, filter, PAGE_SIZE),
    async verifyNow(staffId, requestId) {
      const checked = await verification(true);
      const details = { ok: checked.result.ok, count: checked.result.count };
      await recordAlone(knex, { actorType: 'staff', actorId: staffId, action: 'audit.verified', entityType: 'audit', requestId, details });
    },
  };
}

/**
 * What the audit viewer reads: a page of events with the people and files they name, the newest checkpoint, the
 * chain's verification, who read a case, and the trail as CSV. Verifying a long chain takes seconds, so its result
 * is kept for five minutes; "verify now" runs it again (and says so on the trail), as does an export.
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
import type { Lookups } from './presenters/rows.ts';
import { attachmentNames, caseReaders, staffPeople, type Person, type ReaderRow } from './repository.ts';

export type { Person, ReaderRow };

const PAGE_SIZE = 50;
const EXPORT_BATCH = 1000;
const RESULT_TTL_MS = 5 * 60 * 1000;

export interface Checked {
  at: Date;
  result: Verification;
}

export interface AuditViewer {
  /** The kept verification, or a fresh one when it is older than five minutes or `force` is set. */
  verification(force: boolean): Promise<Checked>;
  latestCheckpoint(): Promise<Checkpoint | undefined>;
  /** One page of events, newest first, the id to continue before, and the people and files they name. */
  events(filter: EventFilter): Promise<{ events: StoredEvent[]; nextBeforeId?: number; lookups: Lookups }>;
  /** Every event the filter admits, a batch at a time, newest first. */
  allEvents(filter: EventFilter): AsyncGenerator<{ events: StoredEvent[]; lookups: Lookups }>;
  /** Verifies now and records who asked, with the outcome. */
  verifyNow(staffId: number, requestId: string | null): Promise<void>;
  /** Records an export of the trail: its filter and how many lines went out. */
  recordExport(staffId: number, requestId: string | null, filter: EventFilter, rows: number, complete: boolean): Promise<void>;
  /** The staff who opened a case or downloaded its files, with their names. */
  readers(reference: string): Promise<(ReaderRow & { person?: Person })[]>;
}

async function lookupsFor(knex: Knex, events: readonly StoredEvent[]): Promise<Lookups> {
  const staffIds = events.flatMap((event) => (event.actorType === 'staff' && event.actorId ? [event.actorId] : []));
  const fileIds = events.flatMap((event) => (event.entityType === 'attachment' && event.entityId ? [event.entityId] : []));
  const [people, files] = await Promise.all([staffPeople(knex, staffIds), attachmentNames(knex, fileIds)]);
  return { people, files };
}

/** The filter as the trail records it (codes only: a case reference is an id, not personal data). */
function filterDetails(filter: EventFilter): Record<string, string | number> {
  return Object.fromEntries(Object.entries(filter).filter((entry): entry is [string, string | number] => entry[1] !== undefined));
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
    async events(filter) {
      const page = await listEvents(knex, filter, PAGE_SIZE);
      return { ...page, lookups: await lookupsFor(knex, page.events) };
    },
    async *allEvents(filter) {
      let beforeId = filter.beforeId;
      do {
        const page = await listEvents(knex, { ...filter, beforeId }, EXPORT_BATCH);
        yield { events: page.events, lookups: await lookupsFor(knex, page.events) };
        beforeId = page.nextBeforeId;
      } while (beforeId);
    },
    async verifyNow(staffId, requestId) {
      const checked = await verification(true);
      const details = { ok: checked.result.ok, count: checked.result.count };
      await recordAlone(knex, { actorType: 'staff', actorId: staffId, action: 'audit.verified', entityType: 'audit', requestId, details });
    },
    async recordExport(staffId, requestId, filter, rows, complete) {
      const details = { format: 'csv', rows, complete, filters: filterDetails(filter) };
      await recordAlone(knex, { actorType: 'staff', actorId: staffId, action: 'audit.exported', entityType: 'audit', requestId, details });
    },
    async readers(reference) {
      const rows = await caseReaders(knex, reference);
      const people = await staffPeople(
        knex,
        rows.map((row) => row.actor_id),
      );
      return rows.map((row) => ({ ...row, person: people.get(row.actor_id) }));
    },
  };
}

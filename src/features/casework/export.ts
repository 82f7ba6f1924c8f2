/**
 * The queue's export: every case the current filter admits, read a keyset page at a time (never the whole result
 * in memory), with the people's names and contacts only for roles that may read every case's personal data.
 * The export is recorded when it ends — its filter (never the words searched for), format, row count and whether
 * the download was completed.
 */
import { recordAlone } from '../audit/service.ts';
import { personalDataScope } from '../staff/permissions.ts';
import { casePeople, type PersonRow } from './export-repository.ts';
import type { QueueFilter } from './queue-filters-repository.ts';
import { queuePage, type QueueRow } from './queue-repository.ts';
import { usedFilters } from './queue.ts';
import type { CaseworkDeps, StaffActor } from './service.ts';

const EXPORT_BATCH = 1000;

export type ExportRow = QueueRow & { person?: PersonRow };

/** Whether this role's export carries the people's names and contacts (only where it may read them on every case). */
export function exportsPersonalData(role: StaffActor['role']): boolean {
  return personalDataScope(role) === 'all';
}

/** The filtered cases, a batch at a time, in the queue's order. */
export async function* exportBatches(deps: Pick<CaseworkDeps, 'knex'>, filter: QueueFilter, actor: StaffActor): AsyncGenerator<ExportRow[]> {
  const scope = personalDataScope(actor.role);
  const searchScope = scope === 'assigned' ? { kind: 'assigned' as const, staffId: actor.id } : { kind: scope };
  const personal = exportsPersonalData(actor.role);
  let after: [string, number] | undefined;
  do {
    const page = await queuePage(deps.knex, { ...filter, searchScope, after }, EXPORT_BATCH);
    const people = personal
      ? await casePeople(
          deps.knex,
          page.rows.map((row) => row.id),
        )
      : undefined;
    yield people ? page.rows.map((row) => ({ ...row, person: people.get(row.id) })) : page.rows;
    after = page.next;
  } while (after);
}

export interface ExportSummary {
  format: 'csv' | 'xlsx';
  rows: number;
  complete: boolean;
}

/** Records an export (in its own transaction, once the stream has ended or broken off). */
export async function recordExport(deps: Pick<CaseworkDeps, 'knex'>, filter: QueueFilter, actor: StaffActor, summary: ExportSummary): Promise<void> {
  const details = {
    ...summary,
    filters: usedFilters(filter),
    search: filter.q ? (/^[A-Z]{2,5}-\d{4}-\d{6}$/.test(filter.q.toUpperCase()) ? 'reference' : 'text') : null,
    personalData: exportsPersonalData(actor.role),
  };
  await recordAlone(deps.knex, {
    actorType: 'staff',
    actorId: actor.id,
    action: 'case.queue.exported',
    entityType: 'queue',
    requestId: actor.requestId,
    details,
  });
}

/**
 * The queue: one page of cases for a staff member's filters, or the same cases grouped by organisation; the
 * counts per status; the officers to assign to.
 */
import { recordAlone } from '../audit/service.ts';
import { personalDataScope } from '../staff/permissions.ts';
import { caseworkers as activeCaseworkers } from '../staff/accounts.ts';
import { organisationGroups, type OrganisationGroupRow } from './queue-groups-repository.ts';
import type { QueueFilter } from './queue-filters-repository.ts';
import { queueFrameRows, queuePage, type QueueRow } from './queue-repository.ts';
import type { CaseworkDeps, StaffActor } from './service.ts';

export type { OrganisationGroupRow, QueueFilter, QueueRow };

const REFERENCE = /^[A-Z]{2,5}-\d{4}-\d{6}$/;

/** Which filters a search used, for the audit trail (never the words searched for: they may be someone's name). */
export function usedFilters(filter: QueueFilter): Record<string, string | number> {
  const { status, type, assignee, sector, organisation, language, due, reply, from, to, sort } = filter;
  const all = Object.entries({ status, type, assignee, sector, organisation, language, due, reply, from, to, sort });
  return Object.fromEntries(all.filter((entry): entry is [string, string | number] => entry[1] !== undefined));
}

/**
 * One page of the queue. Free text matches what people wrote only on the cases whose personal data this
 * staff member may read (references and organisations always), and each search is recorded — which
 * filters were used, never the words searched for (they may be someone's name).
 */
export async function searchQueue(deps: Pick<CaseworkDeps, 'knex'>, filter: QueueFilter, pageSize: number, actor: StaffActor) {
  const page = await queuePage(deps.knex, { ...filter, searchScope: searchScopeOf(actor) }, pageSize);
  await recordSearch(deps, filter, actor, { nextPage: filter.after !== undefined, results: page.rows.length });
  return page;
}

/** Whose answers free text may match for this staff member (see personalDataScope). */
function searchScopeOf(actor: StaffActor): NonNullable<QueueFilter['searchScope']> {
  const scope = personalDataScope(actor.role);
  return scope === 'assigned' ? { kind: 'assigned', staffId: actor.id } : { kind: scope };
}

async function recordSearch(deps: Pick<CaseworkDeps, 'knex'>, filter: QueueFilter, actor: StaffActor, extra: Record<string, unknown>): Promise<void> {
  if (!filter.q) return;
  const search = REFERENCE.test(filter.q.toUpperCase()) ? 'reference' : 'text';
  const details = { search, scope: personalDataScope(actor.role), filters: usedFilters(filter), ...extra };
  await recordAlone(deps.knex, {
    actorType: 'staff',
    actorId: actor.id,
    action: 'case.queue.searched',
    entityType: 'queue',
    requestId: actor.requestId,
    details,
  });
}

/**
 * One page of the queue's cases grouped by organisation (most cases first), for the same filters and with the
 * same limits on free text; a search is recorded as on the list.
 */
export async function groupQueueByOrganisation(
  deps: Pick<CaseworkDeps, 'knex'>,
  filter: QueueFilter,
  page: { number: number; size: number },
  actor: StaffActor,
): Promise<{ rows: OrganisationGroupRow[]; total: number }> {
  const offset = (page.number - 1) * page.size;
  const groups = await organisationGroups(deps.knex, { ...filter, searchScope: searchScopeOf(actor) }, { limit: page.size, offset });
  await recordSearch(deps, filter, actor, { view: 'organisations', page: page.number, results: groups.rows.length });
  return groups;
}

/** What every queue page shows beside its cases: the cases per status (kept by triggers) and who may be given cases. */
export async function queueFrame(deps: Pick<CaseworkDeps, 'knex'>): Promise<{ counts: Record<string, number>; caseworkers: Caseworker[] }> {
  const { counts, caseworkers: workers } = await queueFrameRows(deps.knex);
  return { counts, caseworkers: workers.map(caseworker) };
}

interface Caseworker {
  id: number;
  name: string;
  role: string;
}

function caseworker(row: { id: number; display_name: string; role: string }): Caseworker {
  return { id: row.id, name: row.display_name, role: row.role };
}

/** Active supervisors and case officers: who may be given cases. */
export async function caseworkers(deps: Pick<CaseworkDeps, 'knex'>): Promise<Caseworker[]> {
  return (await activeCaseworkers(deps.knex)).map(caseworker);
}

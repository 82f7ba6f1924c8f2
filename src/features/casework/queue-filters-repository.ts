/**
 * The queue's filters as conditions on `cases`: the list, the grouped view and the export count the same cases
 * (queue-repository.ts, queue-groups-repository.ts).
 */
import type { Knex } from 'knex';
import type { Language } from '../../config.ts';
import { clockRunning, OPEN_STATUSES, TRIAGE_STATUSES } from '../cases/workflow.ts';
import type { CaseType } from '../cases/types.ts';

export interface QueueFilter {
  status: string;
  type?: CaseType;
  /** A staff id, 'none' for unassigned, or undefined for anyone. */
  assignee?: number | 'none';
  sector?: string;
  /** The register number of the organisation the cases are about. */
  organisation?: string;
  language?: Language;
  due?: 'overdue' | 'soon';
  /** Only cases with a citizen's reply nobody responsible has opened yet. */
  reply?: 'new';
  today: string;
  soonUntil: string;
  from?: string;
  to?: string;
  q?: string;
  /** Whose answers the free text may match (see personalDataScope); references and organisations always. */
  searchScope?: { kind: 'all' } | { kind: 'assigned'; staffId: number } | { kind: 'none' };
  sort: 'deadline' | 'received';
  after?: [string, number];
}

const REFERENCE = /^[A-Z]{2,5}-\d{4}-\d{6}$/;
export const ACTIVE_CLOCK = OPEN_STATUSES.filter(clockRunning);

/** A report's `answer_due` is a target only while it is triaged (workflow.ts `caseTarget`, in SQL). */
function reportInTriage(query: Knex.QueryBuilder): void {
  query.where((target) => {
    target.whereNot('cases.type', 'report').orWhereIn('cases.status', TRIAGE_STATUSES);
  });
}

/** Cases whose `answer_due` is a target still to meet (workflow.ts `caseTarget`, in SQL). */
export function withTarget(query: Knex.QueryBuilder): void {
  reportInTriage(query.whereIn('cases.status', ACTIVE_CLOCK));
}

/**
 * The statuses a filter admits (undefined: any). A deadline filter (overdue, due soon) keeps only those whose
 * clock runs, so a status that cannot be overdue ("closed" and overdue) is refused in SQL at once (`1 = 0`)
 * rather than by reading every closed case.
 */
export function statusesOf(filter: QueueFilter): readonly string[] | undefined {
  const chosen = filter.status === 'all' ? undefined : filter.status === 'open' ? OPEN_STATUSES : [filter.status];
  if (!filter.due) return chosen;
  return chosen ? chosen.filter((status) => (ACTIVE_CLOCK as readonly string[]).includes(status)) : ACTIVE_CLOCK;
}

/** The queue filter's conditions on `cases` (the grouped view counts the same cases the list shows). */
export function applyFilters(query: Knex.QueryBuilder, filter: QueueFilter): void {
  const statuses = statusesOf(filter);
  if (statuses?.length === 1) query.where('cases.status', statuses[0]);
  else if (statuses) query.whereIn('cases.status', statuses);
  if (filter.type) query.where('cases.type', filter.type);
  if (filter.assignee === 'none') query.whereNull('cases.assignee_id');
  else if (filter.assignee !== undefined) query.where('cases.assignee_id', filter.assignee);
  if (filter.sector) query.where('cases.sector', filter.sector);
  // The register entry's id, looked up once by its unique number (cases_organisation serves the rest).
  if (filter.organisation) query.whereRaw('cases.organisation_id = (select id from organisations where registration_number = ?)', [filter.organisation]);
  if (filter.language) query.where('cases.language', filter.language);
  // A paused clock (awaiting information) is neither overdue nor due soon; nor is a report once triaged.
  // (The statuses whose clock runs are chosen above, once: a second `status in` squares its share in the plan's estimates.)
  if (filter.due === 'overdue') reportInTriage(query.where('cases.answer_due', '<', filter.today));
  if (filter.due === 'soon') reportInTriage(query.whereBetween('cases.answer_due', [filter.today, filter.soonUntil]));
  if (filter.reply === 'new') query.whereNotNull('cases.reply_pending_at');
  if (filter.from) query.whereRaw(`cases.received_at >= (?::date)::timestamp at time zone 'Asia/Bishkek'`, [filter.from]);
  if (filter.to) query.whereRaw(`cases.received_at < (?::date + 1)::timestamp at time zone 'Asia/Bishkek'`, [filter.to]);
  if (filter.q) {
    const q = filter.q;
    if (REFERENCE.test(q.toUpperCase())) query.where('cases.reference', q.toUpperCase());
    else {
      const scope = filter.searchScope ?? { kind: 'none' };
      query.where((inner) => {
        inner.whereRaw('cases.organisation_name ilike ?', [`%${q.replace(/[\\%_]/g, '\\$&')}%`]);
        // The answers' words, only where the searcher may read the answers.
        if (scope.kind === 'all') inner.orWhereRaw(`cases.search_vector @@ plainto_tsquery('simple', ?)`, [q]);
        if (scope.kind === 'assigned') {
          inner.orWhere((mine) => {
            mine.where('cases.assignee_id', scope.staffId).whereRaw(`cases.search_vector @@ plainto_tsquery('simple', ?)`, [q]);
          });
        }
      });
    }
  }
}

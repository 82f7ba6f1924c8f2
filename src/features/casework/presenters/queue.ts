/**
 * The queue page's view model (pure): the counts per status, the filters' choices, one row per case with
 * its labels and deadline state, the bulk assignment form and the links to the first and next pages.
 */
import type { Translate } from '../../../i18n/i18n.ts';
import { pathTo } from '../../../http/paths.ts';
import { formatDay } from '../../../lib/dates.ts';
import { dueState, type DueState } from '../../cases/deadlines.ts';
import { caseTarget, STATUSES } from '../../cases/workflow.ts';
import type { QueueRow } from '../queue.ts';
import { CASE_TYPES, SECTORS } from '../schemas.ts';

/** A case is due soon this many days ahead. */
export const SOON_DAYS = 3;

export interface Caseworker {
  id: number;
  name: string;
  role: string;
}

interface Item {
  value: string;
  label: string;
}

/** The officers a case may be given to, and "nobody". */
export function assigneeItems(t: Translate, caseworkers: readonly Caseworker[]): Item[] {
  const people = caseworkers.map((worker) => ({ value: String(worker.id), label: `${worker.name} (${t(`staff.roles.${worker.role}`)})` }));
  return [...people, { value: 'none', label: t('casework.filters.unassigned') }];
}

/** The filters' choices; the statuses follow the workflow's. */
function filterItems(t: Translate) {
  return {
    statuses: [
      { value: 'open', label: t('casework.filters.open') },
      { value: 'all', label: t('casework.filters.all') },
      ...STATUSES.map((status) => ({ value: status, label: t(`casework.statuses.${status}`) })),
    ],
    types: CASE_TYPES.map((type) => ({ value: type, label: t(`track.types.${type}`) })),
    sectors: SECTORS.map((sector) => ({ value: sector, label: t(`intake.sectors.${sector}`) })),
    languages: [
      { value: 'ky', label: 'Кыргызча' },
      { value: 'ru', label: 'Русский' },
      { value: 'en', label: 'English' },
    ],
    assignees: [
      { value: 'me', label: t('casework.filters.me') },
      { value: 'none', label: t('casework.filters.unassigned') },
    ],
    due: [
      { value: 'overdue', label: t('casework.due.overdue') },
      { value: 'soon', label: t('casework.due.soon') },
    ],
    reply: [{ value: 'new', label: t('casework.filters.newReplies') }],
    sorts: [
      { value: 'deadline', label: t('casework.filters.sortDeadline') },
      { value: 'received', label: t('casework.filters.sortReceived') },
    ],
  };
}

/** One link per status with its count; the statuses follow the workflow's. */
function statusCountLinks(t: Translate, counts: Readonly<Record<string, number>>) {
  return STATUSES.map((value) => ({
    href: `${pathTo('staff.cases.index')}?status=${value}`,
    label: t(`casework.statuses.${value}`),
    count: counts[value] ?? 0,
  }));
}

/** A due state worth a tag (overdue, soon): its key; none when on time. */
export function dueTag(state: DueState | undefined): { state: DueState; key: string } | undefined {
  return state && state !== 'ok' ? { state, key: `casework.due.${state}` } : undefined;
}

export interface QueueRowView {
  id: string;
  reference: string;
  /** The case's page, and the words a screen reader says for its tick box. */
  href: string;
  selectLabel: string;
  /** The type, status and dates in the page's language: each row prints them without a helper call per cell. */
  typeLabel: string;
  statusLabel: string;
  organisation: string;
  receivedAt: Date;
  receivedOn: string;
  /** The date worked to: the answer deadline, a report's triage target, or none once a report is triaged. */
  deadline: { due?: string; dueOn?: string; triage: boolean; none: boolean };
  dueState?: DueState;
  due?: { state: DueState; key: string; label: string };
  paused: boolean;
  replyPending: boolean;
  assignee: string | null;
  checked: boolean;
}

/** What a row is worded with: the page's language, its translations and today's date in Bishkek. */
export interface RowContext {
  t: Translate;
  lang: string;
  today: string;
}

export function presentQueueRow(row: QueueRow, context: RowContext, ticked: readonly string[]): QueueRowView {
  const { t, lang, today } = context;
  const target = caseTarget(row.type, row.status);
  const state = target ? dueState(row.answer_due, today, SOON_DAYS) : undefined;
  const report = row.type === 'report';
  const due = !report || target ? row.answer_due : undefined;
  const tag = dueTag(state);
  return {
    id: String(row.id),
    reference: row.reference,
    href: pathTo('staff.cases.show', { reference: row.reference }),
    selectLabel: t('casework.queue.selectCase', { reference: row.reference }),
    typeLabel: t(row.deregistration ? 'track.types.deregistration' : `track.types.${row.type}`),
    statusLabel: t(`casework.statuses.${row.status}`),
    organisation: row.organisation_name,
    receivedAt: row.received_at,
    receivedOn: formatDay(row.received_at, lang),
    deadline: { due, dueOn: due === undefined ? undefined : formatDay(due, lang), triage: report && target !== undefined, none: report && !target },
    dueState: state,
    due: tag && { ...tag, label: t(tag.key) },
    paused: row.paused_at !== null,
    replyPending: row.reply_pending_at !== null,
    assignee: row.assignee_name,
    checked: ticked.includes(String(row.id)),
  };
}

/** The filters as a query string (empty values left out). */
export function queryString(values: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (typeof value === 'string' && value !== '') params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The links to the first page (when not on it) and to the next (when there is one), keeping the filters. */
export function pageLinks(kept: Record<string, unknown>, onFirst: boolean, nextCursor: string | undefined): { firstHref?: string; nextHref?: string } {
  const queue = pathTo('staff.cases.index');
  return {
    firstHref: onFirst ? undefined : `${queue}${queryString(kept)}`,
    nextHref: nextCursor ? `${queue}${queryString({ ...kept, after: nextCursor })}` : undefined,
  };
}

/** What a refused bulk assignment posted (the ticked cases and the officer), to show again. */
function bulkValues(posted: Record<string, unknown> | undefined): { cases: string[]; assignTo: string } {
  if (!posted) return { cases: [], assignTo: '' };
  const cases = ([] as unknown[]).concat(posted.cases ?? []).filter((id): id is string => typeof id === 'string');
  return { cases, assignTo: typeof posted.assignTo === 'string' ? posted.assignTo : '' };
}

export interface QueueInput {
  t: Translate;
  lang: string;
  /** Whether free text may match what people wrote (the staff member may read some personal data). */
  searchesAnswers: boolean;
  canAssign: boolean;
  /** Whether the staff member may download the filtered queue (CSV, XLSX). */
  canExport?: boolean;
  counts: Readonly<Record<string, number>>;
  caseworkers: readonly Caseworker[];
  today: string;
}

/** What every rendering of the queue shows, whether or not its filters were valid. */
export function presentQueueFrame(input: QueueInput) {
  const { t } = input;
  return {
    layout: 'staff',
    title: t('casework.queue.title'),
    searchHint: t(input.searchesAnswers ? 'casework.filters.searchHint' : 'casework.filters.searchHintLimited'),
    counts: statusCountLinks(t, input.counts),
    caseworkers: assigneeItems(t, input.caseworkers),
    items: filterItems(t),
    canAssign: input.canAssign,
  };
}

/** One page of results with the filters kept in the links; `posted`: a refused bulk assignment's form. */
export function presentQueuePage(
  input: QueueInput,
  page: { rows: readonly QueueRow[]; next?: string },
  query: Record<string, unknown>,
  posted?: Record<string, unknown>,
) {
  const kept: Record<string, unknown> = { ...query, after: undefined };
  const bulk = bulkValues(posted);
  return {
    ...presentQueueFrame(input),
    values: { ...kept, assignee: query.assignee ?? '' },
    rows: page.rows.map((row) => presentQueueRow(row, input, bulk.cases)),
    bulk,
    exports: input.canExport
      ? { csvHref: `${pathTo('staff.cases.exportCsv')}${queryString(kept)}`, xlsxHref: `${pathTo('staff.cases.exportXlsx')}${queryString(kept)}` }
      : undefined,
    ...pageLinks(kept, query.after === undefined, page.next),
    // The same filters, grouped by organisation.
    groupsHref: `${pathTo('staff.cases.index')}${queryString({ ...kept, page: undefined, view: 'organisations' })}`,
  };
}

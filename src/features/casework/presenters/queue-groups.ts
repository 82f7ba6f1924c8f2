/**
 * The queue grouped by organisation (pure): one row per organisation with its register number or "not
 * registered", its cases and overdue ones, and a link to the queue's cases for it with the same filters — by
 * register number, or, for a name the register does not hold, a search for that name; numbered pages.
 */
import type { Language } from '../../../config.ts';
import { pathTo } from '../../../http/paths.ts';
import type { Translate } from '../../../i18n/i18n.ts';
import { organisationName } from '../../register/service.ts';
import type { OrganisationGroupRow } from '../queue.ts';
import { presentQueueFrame, queryString, type QueueInput } from './queue.ts';

/** The longest search the queue accepts (schemas.ts `q`). */
const MAX_SEARCH = 200;

export interface GroupRowView {
  name: string;
  /** The register number, or none when the register does not hold the organisation. */
  number?: string;
  cases: number;
  overdue: number;
  /** The queue's cases for this organisation; none for cases that name no organisation at all. */
  href?: string;
}

/** What the filters were, without the paging and the view (the links set their own). */
function filtersOf(query: Record<string, unknown>): Record<string, unknown> {
  return { ...query, view: undefined, page: undefined, after: undefined };
}

function presentGroupRow(row: OrganisationGroupRow, context: { t: Translate; lang: Language }, filters: Record<string, unknown>): GroupRowView {
  const queue = pathTo('staff.cases.index');
  const counts = { cases: row.cases, overdue: row.overdue };
  if (row.registration_number !== null && row.name_ky !== null && row.name_ru !== null) {
    const name = organisationName({ nameKy: row.name_ky, nameRu: row.name_ru, nameEn: row.name_en }, context.lang);
    return { name, number: row.registration_number, ...counts, href: `${queue}${queryString({ ...filters, organisation: row.registration_number })}` };
  }
  const typed = row.typed_name.trim();
  if (typed === '') return { name: context.t('casework.groups.noName'), ...counts };
  return { name: typed, ...counts, href: `${queue}${queryString({ ...filters, q: typed.slice(0, MAX_SEARCH) })}` };
}

/** The grouped page: the queue's frame and filters, the rows, and the links between pages and back to the list. */
export function presentGroupsPage(
  input: QueueInput & { lang: Language },
  groups: { rows: readonly OrganisationGroupRow[]; total: number },
  query: Record<string, unknown>,
  pageSize: number,
) {
  const filters = filtersOf(query);
  const page = typeof query.page === 'number' ? query.page : 1;
  const pageCount = Math.max(1, Math.ceil(groups.total / pageSize));
  const queue = pathTo('staff.cases.index');
  const pageHref = (number: number) => `${queue}${queryString({ ...filters, view: 'organisations', page: number === 1 ? undefined : String(number) })}`;
  return {
    ...presentQueueFrame(input),
    title: input.t('casework.groups.title'),
    groupsView: true,
    values: { ...filters, assignee: query.assignee ?? '' },
    rows: groups.rows.map((row) => presentGroupRow(row, input, filters)),
    total: groups.total,
    page,
    pageCount,
    previousHref: page > 1 ? pageHref(Math.min(page - 1, pageCount)) : undefined,
    nextHref: page < pageCount ? pageHref(page + 1) : undefined,
    listHref: `${queue}${queryString(filters)}`,
    groupsHref: pageHref(1),
  };
}

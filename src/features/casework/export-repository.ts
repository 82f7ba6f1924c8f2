/** The export's one read beyond the queue's pages: the person who brought each case (name and contacts). */
import type { Knex } from 'knex';

export interface PersonRow {
  case_id: number;
  full_name: string | null;
  email: string | null;
  phone: string | null;
}

/** The first complainant, reporter or notifier of each case (a contact person only when there is none). */
export async function casePeople(knex: Knex, caseIds: readonly number[]): Promise<Map<number, PersonRow>> {
  if (caseIds.length === 0) return new Map();
  const rows = await knex('case_parties')
    .distinctOn('case_id')
    .select<PersonRow[]>('case_id', 'full_name', 'email', 'phone')
    .whereIn('case_id', caseIds)
    .orderByRaw(`case_id, (role = 'contact'), id`);
  return new Map(rows.map((row) => [row.case_id, row]));
}

/** What happens on a case: its timeline events, internal notes and links to other cases. */
import type { Knex } from 'knex';

export interface TimelineRow {
  id: number;
  occurred_at: Date;
  kind: string;
  from_status: string | null;
  to_status: string | null;
  visible_to_citizen: boolean;
  actor_type: string;
  actor_name: string | null;
  data: Record<string, unknown>;
}

export async function staffTimeline(knex: Knex, caseId: number): Promise<TimelineRow[]> {
  return knex('case_events')
    .leftJoin('staff_users', (join) => join.on(knex.raw(`case_events.actor_type = 'staff' and case_events.actor_id = staff_users.id::text`)))
    .select(
      'case_events.id',
      'case_events.occurred_at',
      'case_events.kind',
      'case_events.from_status',
      'case_events.to_status',
      'case_events.visible_to_citizen',
      'case_events.actor_type',
      'case_events.data',
      'staff_users.display_name as actor_name',
    )
    .where('case_events.case_id', caseId)
    .orderBy([{ column: 'case_events.occurred_at' }, { column: 'case_events.id' }]);
}

export interface NoteRow {
  id: number;
  body: string;
  created_at: Date;
  author: string | null;
}

export async function caseNotes(knex: Knex, caseId: number): Promise<NoteRow[]> {
  return knex('case_notes')
    .leftJoin('staff_users', 'staff_users.id', 'case_notes.staff_id')
    .select('case_notes.id', 'case_notes.body', 'case_notes.created_at', 'staff_users.display_name as author')
    .where('case_notes.case_id', caseId)
    .orderBy('case_notes.created_at');
}

export async function insertNote(trx: Knex.Transaction, caseId: number, staffId: number, body: string): Promise<void> {
  await trx('case_notes').insert({ case_id: caseId, staff_id: staffId, body });
}

export interface LinkRow {
  reference: string;
  kind: string;
  status: string;
  organisation_name: string;
}

/** Links in both directions: a duplicate link made from either case shows on both. */
export async function caseLinks(knex: Knex, caseId: number): Promise<LinkRow[]> {
  return knex
    .select('cases.reference', 'links.kind', 'cases.status', 'cases.organisation_name')
    .from(
      knex.raw(
        `(select linked_case_id as other, kind from case_links where case_id = ? union select case_id as other, kind from case_links where linked_case_id = ?) as links`,
        [caseId, caseId],
      ),
    )
    .join('cases', 'cases.id', 'links.other')
    .orderBy('cases.reference');
}

export async function insertLink(trx: Knex.Transaction, caseId: number, linkedCaseId: number, kind: string, staffId: number): Promise<boolean> {
  const inserted = await trx('case_links')
    .insert({ case_id: caseId, linked_case_id: linkedCaseId, kind, created_by: staffId })
    .onConflict(['case_id', 'linked_case_id'])
    .ignore()
    .returning('case_id');
  return inserted.length > 0;
}

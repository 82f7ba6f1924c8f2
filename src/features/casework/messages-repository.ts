/** Messages between the Agency and the citizen, and the staff contacts e-mails about a case go to. */
import type { Knex } from 'knex';
import type { Language } from '../../config.ts';

export interface MessageRow {
  id: number;
  case_id: number;
  direction: 'from_citizen' | 'to_citizen';
  author_staff_id: string | null;
  body: string;
  created_at: Date;
  read_at: Date | null;
}

export async function caseMessages(knex: Knex, caseId: number): Promise<MessageRow[]> {
  return knex<MessageRow>('messages').where({ case_id: caseId }).orderBy([{ column: 'created_at' }, { column: 'id' }]);
}

export async function insertMessage(trx: Knex.Transaction, message: Omit<MessageRow, 'id' | 'created_at' | 'read_at'> & { template?: string }): Promise<number> {
  const [row] = await trx('messages').insert(message).returning<{ id: number }[]>('id');
  if (!row) throw new Error('message not stored');
  return row.id;
}

export interface StaffContact {
  id: number;
  email: string;
  language: Language;
}

/** Active supervisors (they review proposed decisions). */
export async function supervisorContacts(knex: Knex, except?: number): Promise<StaffContact[]> {
  const query = knex('staff_users').select('id', 'email', 'language').where('role', 'supervisor').whereNull('disabled_at').whereNotNull('totp_enrolled_at');
  if (except !== undefined) query.whereNot('id', except);
  return query.orderBy('id');
}

export async function staffContact(knex: Knex, id: number): Promise<StaffContact | undefined> {
  return knex('staff_users').select('id', 'email', 'language').where({ id }).whereNull('disabled_at').whereNotNull('totp_enrolled_at').first<StaffContact | undefined>();
}

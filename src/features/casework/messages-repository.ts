/** Messages between the Agency and the citizen, and the staff contacts e-mails about a case go to. */
import type { Knex } from 'knex';
import type { Language } from '../../config.ts';

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
  return knex('staff_users')
    .select('id', 'email', 'language')
    .where({ id })
    .whereNull('disabled_at')
    .whereNotNull('totp_enrolled_at')
    .first<StaffContact | undefined>();
}

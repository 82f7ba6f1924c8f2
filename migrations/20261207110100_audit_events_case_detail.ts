import type { Knex } from 'knex';

/**
 * The audit viewer finds a case's file downloads by the case reference they carry in their details
 * (`{"case": "CMP-2026-000123"}`): a partial expression index answers that without reading the trail.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`create index audit_events_details_case on audit_events ((details ->> 'case'), id) where details \\? 'case'`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index audit_events_details_case');
}

import type { Knex } from 'knex';

/**
 * One open request to remove an entry from the register at a time: two sent at once (a double click, two tabs)
 * would otherwise both pass the check for one being reviewed, and staff would get the same request twice.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create unique index cases_one_open_deregistration on cases (organisation_id)
    where type = 'registration' and status in ('submitted', 'in_review', 'returned') and (answers -> 'deregisters') is not null`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index cases_one_open_deregistration');
}

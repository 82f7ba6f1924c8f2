import type { Knex } from 'knex';

/** The portal's own notices (privacy, accessibility) become content the authority edits like its guidance. */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('alter table content_items drop constraint content_items_kind_check');
  await knex.raw(`alter table content_items add constraint content_items_kind_check check (kind in ('rights', 'guides', 'faq', 'campaigns', 'notices'))`);
}

export async function down(knex: Knex): Promise<void> {
  await knex('content_items').where({ kind: 'notices' }).delete();
  await knex.raw('alter table content_items drop constraint content_items_kind_check');
  await knex.raw(`alter table content_items add constraint content_items_kind_check check (kind in ('rights', 'guides', 'faq', 'campaigns'))`);
}

import type { Knex } from 'knex';

/** The request letter's paragraphs become content the authority edits (kind "letters"), like its notices. */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('alter table content_items drop constraint content_items_kind_check');
  await knex.raw(
    `alter table content_items add constraint content_items_kind_check check (kind in ('rights', 'guides', 'faq', 'campaigns', 'notices', 'letters'))`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex('content_items').where({ kind: 'letters' }).delete();
  await knex.raw('alter table content_items drop constraint content_items_kind_check');
  await knex.raw(`alter table content_items add constraint content_items_kind_check check (kind in ('rights', 'guides', 'faq', 'campaigns', 'notices'))`);
}

/** What the audit viewer reads beside the trail: who the staff are, what the files are called, who read a case. */
import type { Knex } from 'knex';

export interface Person {
  name: string;
  role: string;
}

export async function staffPeople(knex: Knex, ids: readonly string[]): Promise<Map<string, Person>> {
  const numeric = [...new Set(ids)].filter((id) => /^\d{1,12}$/.test(id));
  if (numeric.length === 0) return new Map();
  const rows = await knex('staff_users').whereIn('id', numeric).select<{ id: number; display_name: string; role: string }[]>('id', 'display_name', 'role');
  return new Map(rows.map((row) => [String(row.id), { name: row.display_name, role: row.role }]));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function attachmentNames(knex: Knex, ids: readonly string[]): Promise<Map<string, string>> {
  const valid = [...new Set(ids)].filter((id) => UUID.test(id));
  if (valid.length === 0) return new Map();
  const rows = await knex('attachments').whereIn('id', valid).select<{ id: string; file_name: string }[]>('id', 'file_name');
  return new Map(rows.map((row) => [row.id, row.file_name]));
}

export interface ReaderRow {
  actor_id: string;
  views: number;
  downloads: number;
  first_at: Date;
  last_at: Date;
}

/** Each member of staff who opened the case or downloaded one of its files: how often, first and last. */
export async function caseReaders(knex: Knex, reference: string): Promise<ReaderRow[]> {
  const rows = await knex('audit_events')
    .select<ReaderRow[]>(
      'actor_id',
      knex.raw(`count(*) filter (where action = 'case.viewed')::int as views`),
      knex.raw(`count(*) filter (where action = 'attachment.downloaded')::int as downloads`),
      knex.raw('min(occurred_at) as first_at'),
      knex.raw('max(occurred_at) as last_at'),
    )
    .where('actor_type', 'staff')
    .where((scope) => {
      scope
        .where((viewed) => {
          viewed.where({ entity_type: 'case', entity_id: reference, action: 'case.viewed' });
        })
        .orWhere((downloaded) => {
          downloaded.where('action', 'attachment.downloaded').whereRaw(`details \\? 'case' and details ->> 'case' = ?`, [reference]);
        });
    })
    .groupBy('actor_id')
    .orderBy('last_at', 'desc');
  return rows;
}

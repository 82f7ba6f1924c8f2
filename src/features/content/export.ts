/**
 * `npm run content:export`: the published content written back to seeds/content/<kind>/<slug>.<lang>.md, in the
 * format the seed reads, so that what the authority publishes can be reviewed in git too. A file the seed then
 * reads back is "unchanged" (the same words as the published version), never a conflict.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import matter from 'gray-matter';
import type { Knex } from 'knex';
import { publishedForExport, type ExportRow } from './editorial-repository.ts';

const EXTRA_KEYS: [string, string][] = [
  ['periodStart', 'period_start'],
  ['periodEnd', 'period_end'],
  ['audience', 'audience'],
  ['message', 'message'],
  ['posterTitle', 'poster_title'],
  ['posterPoints', 'poster_points'],
  ['posterCallToAction', 'poster_call_to_action'],
  ['socialPosts', 'social_posts'],
  ['actions', 'actions'],
  ['hashtag', 'hashtag'],
  ['smsTexts', 'sms_texts'],
  ['messengerTexts', 'messenger_texts'],
  ['keyMessages', 'key_messages'],
  ['questionsAndAnswers', 'questions_and_answers'],
  ['paragraphs', 'paragraphs'],
  ['options', 'options'],
  ['correct', 'correct'],
  ['article', 'article'],
  ['answers', 'answers'],
  ['nextSteps', 'next_steps'],
];

/** The file's text: YAML front matter in the seed's key order, then the Markdown body. */
function fileText(row: ExportRow): string {
  const front: Record<string, unknown> = {
    title: row.title,
    summary: row.summary,
    legal_basis: row.legal_basis,
    last_reviewed: row.last_reviewed,
    topic: row.topic,
    order: row.sort_order,
    related: row.related,
  };
  for (const [from, to] of EXTRA_KEYS) if (row.extra[from] !== undefined) front[to] = row.extra[from];
  return matter.stringify(`${row.body_markdown.trim()}\n`, front);
}

/** Writes every published translation under `root`; returns how many files were written. */
export async function exportContent(knex: Knex, root: string): Promise<number> {
  const rows = await publishedForExport(knex);
  for (const row of rows) {
    const dir = path.join(root, row.kind);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, `${row.slug}.${row.lang}.md`), fileText(row), 'utf8');
  }
  return rows.length;
}

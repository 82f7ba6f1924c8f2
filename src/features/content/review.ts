/**
 * Review and publication: submit, approve (by a second person; at once or at a chosen time), return, archive
 * — each checked against the workflow table and recorded as an audit event — and the scheduled job that
 * publishes approved versions whose time has come. Also the history of a translation and the word-level
 * differences between two of its versions.
 */
import type { Knex } from 'knex';
import type { Language } from '../../config.ts';
import type { JobDefinition } from '../../jobs/queue.ts';
import { audit, type Actor } from './editing.ts';
import { publishVersion, withdrawTranslation } from './publishing.ts';
import { wordDiff, type DiffPart } from './text-diff.ts';
import { dueVersions, lockItem, updateVersion, versionByNumber, versionHistory, type VersionRow } from './versions-repository.ts';
import { approvedStatus, checkTransition, type Refusal, type Transition } from './workflow.ts';

export interface TransitionInput {
  itemId: number;
  lang: Language;
  number: number;
  transition: Transition;
  publishAt: Date | null;
}

export type TransitionOutcome = { kind: 'done'; status: string } | { kind: 'refused'; refusal: Refusal } | { kind: 'notFound' };

async function apply(trx: Knex.Transaction, version: VersionRow, input: TransitionInput, actor: Actor, now: Date): Promise<string> {
  switch (input.transition) {
    case 'submit':
      await updateVersion(trx, version.id, { status: 'in_review' });
      return 'in_review';
    case 'return':
      await updateVersion(trx, version.id, { status: 'draft', publish_at: null });
      return 'draft';
    case 'archive':
      await withdrawTranslation(trx, version.item_id, version.lang);
      return 'archived';
    case 'approve': {
      const status = approvedStatus(input.publishAt, now);
      if (status === 'published') await publishVersion(trx, version, actor.id, now);
      else await updateVersion(trx, version.id, { status, reviewer_id: actor.id, publish_at: input.publishAt });
      return status;
    }
  }
}

const EVENTS: Record<Transition, string> = {
  submit: 'content.submitted',
  approve: 'content.approved',
  return: 'content.returned',
  archive: 'content.archived',
};

export async function transition(knex: Knex, input: TransitionInput, actor: Actor, now = new Date()): Promise<TransitionOutcome> {
  return knex.transaction(async (trx): Promise<TransitionOutcome> => {
    if (!(await lockItem(trx, input.itemId))) return { kind: 'notFound' };
    const version = await versionByNumber(trx, input.itemId, input.lang, input.number);
    if (!version) return { kind: 'notFound' };
    const refusal = checkTransition(input.transition, { status: version.status, authorId: version.author_id }, actor);
    if (refusal) return { kind: 'refused', refusal };
    const status = await apply(trx, version, input, actor, now);
    await audit(trx, actor, EVENTS[input.transition], version, { status });
    if (input.transition === 'approve' && status === 'published') await audit(trx, actor, 'content.published', version);
    return { kind: 'done', status };
  });
}

/** Publishes the approved versions whose time has come; how many. */
export async function publishDue(trx: Knex.Transaction, now = new Date()): Promise<number> {
  const due = await dueVersions(trx, now);
  for (const { item_id, lang, number } of due) {
    await lockItem(trx, item_id);
    const version = await versionByNumber(trx, item_id, lang, number);
    if (!version) continue;
    await publishVersion(trx, version, null, now);
    await audit(trx, null, 'content.published', version, { scheduled: 1 });
  }
  return due.length;
}

export function contentJobs(deps: { knex: Knex }): JobDefinition<never>[] {
  return [
    {
      name: 'content-publish-due',
      cron: '* * * * *',
      async handle(_data, _job, run) {
        if (run) await publishDue(run.trx);
        else await deps.knex.transaction((trx) => publishDue(trx));
      },
    },
  ];
}

export function translationHistory(knex: Knex, itemId: number, lang: Language): Promise<VersionRow[]> {
  return versionHistory(knex, itemId, lang);
}

export interface FieldDiff {
  field: 'title' | 'summary' | 'legalBasis' | 'lastReviewed' | 'bodyMarkdown' | 'related';
  parts: DiffPart[];
}

/** The differences between two versions, field by field (only the fields that differ). */
export function compareVersions(before: VersionRow, after: VersionRow): FieldDiff[] {
  const fields: [FieldDiff['field'], string, string][] = [
    ['title', before.title, after.title],
    ['summary', before.summary, after.summary],
    ['legalBasis', before.legal_basis, after.legal_basis],
    ['lastReviewed', before.last_reviewed, after.last_reviewed],
    ['bodyMarkdown', before.body_markdown, after.body_markdown],
    ['related', before.related.join(', '), after.related.join(', ')],
  ];
  return fields.filter(([, a, b]) => a !== b).map(([field, a, b]) => ({ field, parts: wordDiff(a, b, after.lang) }));
}

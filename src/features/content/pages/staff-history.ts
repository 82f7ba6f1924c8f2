/** /staff/content/:id/:lang/history: every version of a translation, and the word-level differences between two. */
import type { Request, Response } from 'express';
import createHttpError from 'http-errors';
import type { Knex } from 'knex';
import { currentStaff } from '../../staff/auth.ts';
import { presentHistory } from '../presenters/staff-history.ts';
import { compareVersions, translationHistory } from '../review.ts';
import { editParams, historyQuery } from '../schemas.ts';

export function staffHistoryPage({ knex }: { knex: Knex }) {
  return async (req: Request, res: Response): Promise<void> => {
    const params = editParams.safeParse(req.params);
    if (!params.success) throw createHttpError(404);
    const { id, lang } = params.data;
    const versions = await translationHistory(knex, id, lang);
    if (versions.length === 0) throw createHttpError(404);
    const query = historyQuery.safeParse(req.query);
    // By default the latest version against the one before it.
    const to = (query.success ? query.data.to : undefined) ?? versions[0]?.number ?? 1;
    const from = (query.success ? query.data.from : undefined) ?? versions.find((version) => version.number < to)?.number;
    const before = versions.find((version) => version.number === from);
    const after = versions.find((version) => version.number === to);
    const compare = before && after ? { from: before.number, to: after.number, diffs: compareVersions(before, after) } : undefined;
    const view = presentHistory(id, lang, versions, currentStaff(res).id, compare);
    res.render('staff/content/history', {
      layout: 'staff',
      title: res.locals.t('editorial.history.title', { title: view.heading, language: view.langName }),
      ...view,
    });
  };
}

/**
 * The workflow's form posts: a step on a version (submit, approve — at once or at a time —, return, archive)
 * and restoring an old version as a new draft. A step the workflow refuses is explained on the edit page.
 */
import type { Request, Response } from 'express';
import createHttpError from 'http-errors';
import type { Knex } from 'knex';
import { requestId } from '../../../http/logging.ts';
import { pathTo } from '../../../http/paths.ts';
import { validate, type FieldError } from '../../../http/validation.ts';
import { currentStaff } from '../../staff/auth.ts';
import { restoreVersion } from '../editing.ts';
import { transition } from '../review.ts';
import { transitionForm, transitionParams, versionParams } from '../schemas.ts';
import type { Refusal } from '../workflow.ts';
import { loadState, render } from './staff-edit.ts';

interface Deps {
  knex: Knex;
}

const REFUSALS: Record<Refusal, { status: number; key: string }> = {
  author: { status: 403, key: 'editorial.errors.ownVersion' },
  status: { status: 409, key: 'editorial.errors.wrongStatus' },
  role: { status: 403, key: 'editorial.errors.role' },
};

function actorOf(req: Request, res: Response) {
  const user = currentStaff(res);
  return { id: user.id, role: user.role, requestId: requestId(req) };
}

export function staffTransitionPost({ knex }: Deps) {
  return async (req: Request, res: Response): Promise<void> => {
    const params = transitionParams.safeParse(req.params);
    if (!params.success) throw createHttpError(404);
    const state = await loadState(knex, req);
    const form = validate(transitionForm, req.body);
    if (!form.ok) return render(req, res, state, { status: 400, errors: form.errors });
    const { id, lang, number, transition: step } = params.data;
    const outcome = await transition(knex, { itemId: id, lang, number, transition: step, publishAt: form.data.publishAt }, actorOf(req, res));
    if (outcome.kind === 'notFound') throw createHttpError(404);
    if (outcome.kind === 'refused') {
      const { status, key } = REFUSALS[outcome.refusal];
      const error: FieldError = { field: 'workflow', key, values: {} };
      return render(req, res, await loadState(knex, req), { status, errors: { list: [error], byField: { workflow: error } } });
    }
    res.redirect(303, `${pathTo('staff.content.edit', { id, lang })}?done=${outcome.status}`);
  };
}

export function staffRestorePost({ knex }: Deps) {
  return async (req: Request, res: Response): Promise<void> => {
    const params = versionParams.safeParse(req.params);
    if (!params.success) throw createHttpError(404);
    const { id, lang, number } = params.data;
    const version = await restoreVersion(knex, id, lang, number, actorOf(req, res));
    if (!version) throw createHttpError(404);
    res.redirect(303, `${pathTo('staff.content.edit', { id, lang })}?saved=${String(version.number)}`);
  };
}

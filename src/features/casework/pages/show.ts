/** GET /staff/cases/:reference: the case page; the forms on it render it again when they are refused. */
import type { Request, Response } from 'express';
import type { FormErrors } from '../../../http/validation.ts';
import { bishkekToday } from '../../../lib/dates.ts';
import { caseAnswers } from '../../intake/case-answers.ts';
import { currentStaff } from '../../staff/auth.ts';
import { can } from '../../staff/permissions.ts';
import { caseRetention } from '../../retention/service.ts';
import { presentCase, type CasePageInput } from '../presenters/case.ts';
import { presentRetention } from '../presenters/case-retention.ts';
import { caseworkers, openCaseFile } from '../service.ts';
import { caseReference, staffActor, type CaseworkPageDeps } from './context.ts';

export interface Refused {
  errors: FormErrors;
  values: Record<string, unknown>;
  /** The transition whose form was refused (its fields carry its id). */
  transition?: string;
  status: number;
}

export async function renderCase(deps: CaseworkPageDeps, req: Request, res: Response, refused?: Refused): Promise<void> {
  const { t, lang } = res.locals;
  const user = currentStaff(res);
  const file = await openCaseFile(deps, caseReference(req), staffActor(req, res));
  const canAssign = can(user.role, 'cases.assign');
  const answers = file.parties ? caseAnswers(file.case, file.parties, { t, lang }, file.followUpOf) : [];
  const done = typeof req.query.done === 'string' && /^[a-z_]{1,40}$/.test(req.query.done) ? req.query.done : undefined;
  const input: CasePageInput = {
    t,
    file,
    staff: { id: user.id, canAssign, canTake: can(user.role, 'cases.takeUnassigned') },
    caseworkers: canAssign ? await caseworkers(deps) : undefined,
    answers,
    today: bishkekToday(),
    triageDays: deps.config.deadlines.triageTargetWorkingDays,
    uploads: deps.config.uploads,
    done,
    refused,
  };
  const retention = presentRetention(await caseRetention(deps.knex, file.case, deps.config.retention), can(user.role, 'cases.hold'));
  res.status(refused?.status ?? 200).render('staff/cases/show', { ...presentCase(input), retention });
}

export function casePage(deps: CaseworkPageDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    await renderCase(deps, req, res);
  };
}

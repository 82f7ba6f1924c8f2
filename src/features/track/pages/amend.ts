/**
 * A registered holder changes their entry: from the signed-in registration case, the application journey starts
 * again with the entry's details in its forms; staff review the amendment like an application, and approving it
 * replaces the entry's details and arrays (features/casework/transitions.ts).
 */
import type { Request, RequestHandler, Response } from 'express';
import createHttpError from 'http-errors';
import { pathTo } from '../../../http/paths.ts';
import { citizenCase } from '../../cases/citizen.ts';
import { startAmendment } from '../../intake/service.ts';
import { entryById } from '../../register/service.ts';
import type { TrackDeps } from '../deps.ts';
import { amendableEntry } from '../presenters/registered-entry.ts';
import { signedInCaseId } from '../session.ts';

export function amendPost(deps: TrackDeps): RequestHandler {
  return async (req: Request, res: Response): Promise<void> => {
    const found = await citizenCase(deps.knex, signedInCaseId(req));
    const entry = found?.organisation_id ? await entryById(deps.knex, found.organisation_id) : undefined;
    if (!found || !entry || !amendableEntry(found, entry)) throw createHttpError(404);
    const lang = res.locals.lang;
    startAmendment(req.session, entry, { organisationId: entry.id, registrationNumber: entry.registrationNumber, inn: entry.inn }, lang);
    res.redirect(303, pathTo('intake.step', { lang, journey: 'register', step: 'organisation' }));
  };
}

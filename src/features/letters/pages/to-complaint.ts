/**
 * POST /{lang}/complaints/new/from-letter: "No answer? Complain": the letter's facts become a complaint draft
 * (in a session, from here on), handed over to the intake service.
 */
import type { Request, Response } from 'express';
import { collectDateParts } from '../../../http/date-fields.ts';
import { pathTo } from '../../../http/paths.ts';
import { validate } from '../../../http/validation.ts';
import { startComplaintFromLetter } from '../../intake/service.ts';
import { letterForm } from '../schemas.ts';

export function letterToComplaint() {
  return (req: Request, res: Response): void => {
    const { lang } = res.locals;
    const result = validate(letterForm, collectDateParts(req.body as Record<string, unknown>, ['sendingDate']));
    if (!result.ok) {
      res.redirect(303, pathTo('intake.start', { lang, journey: 'complaints' }));
      return;
    }
    const number = (req.body as Record<string, unknown>).organisationNumber;
    const opened = startComplaintFromLetter(req.session, { ...result.data, organisationNumber: typeof number === 'string' ? number : '' });
    res.redirect(303, pathTo('intake.step', { lang, journey: opened.journey, step: opened.step }));
  };
}

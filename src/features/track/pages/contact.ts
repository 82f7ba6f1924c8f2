/**
 * /{lang}/track/case/contact: the citizen corrects their name, e-mail address or phone number. The staff case page
 * keeps the old value; the case's timeline and the audit trail say which details changed.
 */
import type { Request, RequestHandler, Response } from 'express';
import { requestId } from '../../../http/logging.ts';
import { pathTo } from '../../../http/paths.ts';
import { validate, type FormErrors } from '../../../http/validation.ts';
import { citizenContact, correctContact } from '../../cases/contact.ts';
import type { TrackDeps } from '../deps.ts';
import { contactForm } from '../schemas.ts';
import { signedInCaseId } from '../session.ts';

function render(res: Response, values: Record<string, unknown>, errors?: FormErrors): void {
  const { t } = res.locals;
  res.status(errors ? 400 : 200).render('track/contact', { title: t('track.contact.title'), values, errors });
}

export function contactPage(deps: TrackDeps): RequestHandler {
  return async (req: Request, res: Response): Promise<void> => {
    const current = await citizenContact(deps.knex, signedInCaseId(req));
    if (!current) {
      res.redirect(303, pathTo('track.case', { lang: res.locals.lang }));
      return;
    }
    render(res, { ...current });
  };
}

export function contactPost(deps: TrackDeps): RequestHandler {
  return async (req: Request, res: Response): Promise<void> => {
    const body = req.body as Record<string, unknown>;
    const parsed = validate(contactForm, body);
    if (!parsed.ok) {
      const kept = (name: string): string => (typeof body[name] === 'string' ? body[name].slice(0, 254) : '');
      render(res, { fullName: kept('fullName'), email: kept('email'), phone: kept('phone') }, parsed.errors);
      return;
    }
    const changed = await correctContact(deps.knex, signedInCaseId(req), parsed.data, requestId(req));
    res.redirect(303, `${pathTo('track.case', { lang: res.locals.lang })}${changed.length > 0 ? '?corrected=1' : ''}#yourdata-title`);
  };
}

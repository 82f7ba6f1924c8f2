/**
 * /{lang}/letters/new: the request-letter generator. Works without a session or cookie (stateless form
 * token); the letter is rendered from the submitted form and never stored.
 */
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { LANGUAGES, type Language } from '../../config.ts';
import type { Translator } from '../../i18n/i18n.ts';
import { bishkekToday } from '../../lib/dates.ts';
import { collectDateParts, toDateParts } from '../../http/date-fields.ts';
import type { FormTokens } from '../../http/form-token.ts';
import { LANGUAGE_NAMES } from '../../http/language.ts';
import { validate } from '../../http/validation.ts';
import { letterForm, letterQuery, REQUEST_TYPES } from './schemas.ts';
import { complaintJourney } from '../intake/complaint.ts';
import { prefillComplaintFromLetter } from '../intake/drafts.ts';
import { buildLetter } from './service.ts';

function formView(res: Response, values: Record<string, unknown>, errors?: unknown, stale = false) {
  const { lang, t } = res.locals;
  return {
    title: t('letters.title'),
    values,
    errors,
    stale,
    requestTypes: REQUEST_TYPES.map((type) => ({ value: type, label: t(`letters.types.${type}.label`), hint: t(`letters.types.${type}.hint`) })),
    letterLanguages: LANGUAGES.map((code) => ({ value: code, label: LANGUAGE_NAMES[code] })),
    breadcrumbs: [{ text: t('common.home'), href: `/${lang}/` }, { text: t('letters.title') }],
  };
}

export function letterRoutes({ translator, formTokens, session }: { translator: Translator; formTokens: FormTokens; session: RequestHandler }): Router {
  const router = Router({ mergeParams: true });

  router.get('/letters/new', formTokens.issue('letter'), (req: Request, res: Response) => {
    const { type } = letterQuery.parse(req.query);
    res.render('letters/form', formView(res, { requestType: type, letterLanguage: res.locals.lang, sendingDate: toDateParts(bishkekToday()) }));
  });

  router.post('/letters/new', formTokens.verifyOrShowAgain('letter'), formTokens.issue('letter'), (req: Request, res: Response) => {
    const body = collectDateParts(req.body as Record<string, unknown>, ['sendingDate']);
    if (req.staleForm) {
      res.status(403).render('letters/form', formView(res, body, undefined, true));
      return;
    }
    const result = validate(letterForm, body);
    if (!result.ok) {
      res.status(400).render('letters/form', formView(res, body, result.errors));
      return;
    }
    const { lang, t } = res.locals;
    const letter = buildLetter(result.data, translator);
    res.render('letters/letter', {
      title: t('letters.resultTitle'),
      letter,
      form: { ...result.data, sendingDate: toDateParts(result.data.sendingDate) },
      otherLanguages: LANGUAGES.filter((code: Language) => code !== letter.lang).map((code) => ({ code, name: LANGUAGE_NAMES[code] })),
      breadcrumbs: [{ text: t('common.home'), href: `/${lang}/` }, { text: t('letters.title'), href: `/${lang}/letters/new` }, { text: t('letters.resultTitle') }],
    });
  });
  // "No answer? Complain": the letter's facts become a complaint draft (in a session, from here on).
  router.post('/complaints/new/from-letter', formTokens.verify('letter'), session, (req: Request, res: Response) => {
    const body = collectDateParts(req.body as Record<string, unknown>, ['sendingDate']);
    const result = validate(letterForm, body);
    if (!result.ok) {
      res.redirect(303, `/${res.locals.lang}/complaints/new`);
      return;
    }
    prefillComplaintFromLetter(req, complaintJourney, result.data);
    res.redirect(303, `/${res.locals.lang}/complaints/new/about-you`);
  });
  return router;
}

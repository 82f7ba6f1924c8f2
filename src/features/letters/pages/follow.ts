/**
 * Following a letter from its page: POST /{lang}/letters/reminder.ics gives a calendar reminder for the reply-by
 * date (nothing stored); POST /{lang}/letters/follow keeps the letter under a code shown once, with reminders by
 * e-mail or text message if the citizen asks and consents.
 */
import type { Request, Response } from 'express';
import createHttpError from 'http-errors';
import type { Config } from '../../../config.ts';
import { collectDateParts } from '../../../http/date-fields.ts';
import { pathTo } from '../../../http/paths.ts';
import { validate, type FormErrors } from '../../../http/validation.ts';
import type { Translator } from '../../../i18n/i18n.ts';
import type { ContentCache } from '../../content/cache.ts';
import { requestCalendar } from '../calendar.ts';
import { presentFollowedPage } from '../presenters/follow.ts';
import { presentLetterPage } from '../presenters/letter.ts';
import { followForm, letterForm, type LetterForm } from '../schemas.ts';
import { buildLetter, letterTemplate } from '../service.ts';
import { TooManyReminders, trackRequest, type ReminderContact, type TrackingDeps } from '../tracking.ts';

export interface FollowDeps extends TrackingDeps {
  content: ContentCache;
  translator: Translator;
  config: Pick<Config, 'publicUrl'>;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The letter's answers as posted again, or nothing when they are not a letter (then the form starts over). */
function postedLetter(req: Request): { body: Record<string, unknown>; form: LetterForm } | undefined {
  const body = collectDateParts(req.body as Record<string, unknown>, ['sendingDate']);
  const result = validate(letterForm, body);
  return result.ok ? { body, form: result.data } : undefined;
}

export function downloadCalendar(deps: FollowDeps) {
  return (req: Request, res: Response): void => {
    const posted = postedLetter(req);
    if (!posted) {
      res.redirect(303, pathTo('letters.form', { lang: res.locals.lang }));
      return;
    }
    const ics = requestCalendar(deps.translator.forLanguage(posted.form.letterLanguage), posted.form, deps.replyDays, deps.config.publicUrl);
    res.set('Content-Type', 'text/calendar; charset=utf-8');
    res.attachment('reminder.ics');
    res.send(ics);
  };
}

async function showLetterAgain(deps: FollowDeps, res: Response, posted: { body: Record<string, unknown>; form: LetterForm }, errors: FormErrors) {
  const { lang, t } = res.locals;
  const template = await letterTemplate(deps.content, posted.form.letterLanguage);
  if (!template) throw createHttpError(503);
  const values = {
    reminderEmail: text(posted.body.reminderEmail),
    reminderPhone: text(posted.body.reminderPhone),
    reminderConsent: posted.body.reminderConsent,
  };
  const letter = buildLetter(posted.form, template, deps.replyDays);
  res.status(400).render('letters/letter', presentLetterPage(t, lang, posted.form, letter, text(posted.body.organisationNumber), { values, errors }));
}

function tooMany(field: string): FormErrors {
  const error = { field, key: 'letters.follow.errors.tooMany', values: {} };
  return { list: [error], byField: { [field]: error } };
}

export function followRequest(deps: FollowDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const { lang, t } = res.locals;
    const posted = postedLetter(req);
    if (!posted) {
      res.redirect(303, pathTo('letters.form', { lang }));
      return;
    }
    const follow = validate(followForm, posted.body);
    if (!follow.ok) {
      await showLetterAgain(deps, res, posted, follow.errors);
      return;
    }
    const reminders: ReminderContact[] = [
      ...(follow.data.reminderEmail ? [{ channel: 'email' as const, contact: follow.data.reminderEmail }] : []),
      ...(follow.data.reminderPhone ? [{ channel: 'sms' as const, contact: follow.data.reminderPhone }] : []),
    ];
    let kept: { code: string; replyBy: string };
    try {
      kept = await trackRequest(deps, { form: posted.form, organisationNumber: text(posted.body.organisationNumber), reminders });
    } catch (error) {
      if (!(error instanceof TooManyReminders)) throw error;
      await showLetterAgain(deps, res, posted, tooMany(error.field));
      return;
    }
    res.set('Cache-Control', 'no-store');
    res.render('letters/followed', presentFollowedPage(t, lang, { ...kept, publicUrl: deps.config.publicUrl, reminders }));
  };
}

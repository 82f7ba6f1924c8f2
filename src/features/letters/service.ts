/**
 * Request letters to organisations. Nothing the citizen types is stored or logged: the letter is built from
 * the submitted form and sent straight back as a printable page.
 */
import type { Language } from '../../config.ts';
import { addDays, formatLongDate } from '../../lib/dates.ts';
import type { ContentCache } from '../content/cache.ts';
import { toolTranslation } from '../content/service.ts';
import { fillParagraph, type LetterParagraphs } from '../content/letter-template.ts';
import type { LetterForm, RequestType } from './schemas.ts';

export { REQUEST_TYPES } from './schemas.ts';

/**
 * Law No. 58: the holder answers within one week (seven days) of the request. The default of LETTER_REPLY_DAYS,
 * which the letter, its calendar reminder and the "my request" page count with.
 */
export const REPLY_DAYS = 7;

/** A letter kept under a code to follow it is deleted this many days after its reply-by date (the privacy notice says so). */
export const KEPT_LETTER_DAYS_AFTER_REPLY = 90;
/** A reminder is deleted once sent, and when never sent after this many days (the consent and the privacy notice say so). */
export const REMINDER_KEPT_DAYS = 30;

export function replyByDate(sendingDate: string, replyDays = REPLY_DAYS): string {
  return addDays(sendingDate, replyDays);
}

export interface Letter {
  lang: Language;
  heading: string;
  to: string[];
  from: string[];
  date: string;
  subject: string;
  /** Who writes and under which law; then the request itself, the citizen's details, then the duties. */
  opening: string;
  request: string;
  details?: { label: string; text: string };
  paragraphs: string[];
  closing: string;
  signature: string;
  replyBy: string;
  replyByIso: string;
}

/**
 * The published template in the letter's language: its own translation even when another language has changed
 * since (a letter is never written in another language than the one chosen), else the next along the chain.
 */
export async function letterTemplate(cache: ContentCache, lang: Language): Promise<{ lang: Language; paragraphs: LetterParagraphs } | undefined> {
  const item = await cache.get('letters', 'request');
  const translation = item && toolTranslation(cache, item, lang);
  return translation?.extra.paragraphs && { lang: translation.lang, paragraphs: translation.extra.paragraphs };
}

/** The letter, in the template's language (the letter's, which may differ from the page's). */
export function buildLetter(form: LetterForm, template: { lang: Language; paragraphs: LetterParagraphs }, replyDays = REPLY_DAYS): Letter {
  const { lang, paragraphs: p } = template;
  const type: RequestType = form.requestType;
  const replyByIso = replyByDate(form.sendingDate, replyDays);
  const replyBy = formatLongDate(replyByIso, lang);
  const fill = (text: string) => fillParagraph(text, { organisation: form.organisationName, name: form.fullName, date: replyBy });
  return {
    lang,
    heading: p.heading,
    to: [fill(p.to), ...(form.organisationAddress ? [form.organisationAddress] : [])],
    from: [fill(p.from), form.contact],
    date: formatLongDate(form.sendingDate, lang),
    subject: p.subject[type],
    opening: fill(p.opening),
    request: p.request[type],
    paragraphs: [p.legalBasis, fill(p.deadline), p.refusal, p.escalation],
    ...(form.details ? { details: { label: p.detailsLabel[type], text: form.details } } : {}),
    closing: p.closing,
    signature: form.fullName,
    replyBy,
    replyByIso,
  };
}

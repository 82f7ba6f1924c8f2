/**
 * Request letters to organisations. Nothing the citizen types is stored or logged: the letter is built from
 * the submitted form and sent straight back as a printable page.
 */
import type { Language } from '../../config.ts';
import { addDays, formatLongDate } from '../../lib/dates.ts';
import type { Translator } from '../../i18n/i18n.ts';
import type { LetterForm, RequestType } from './schemas.ts';

/** Law No. 58: the holder answers within one week (seven days) of the request. Kept here, in one place. */
export const REPLY_DAYS = 7;

export function replyByDate(sendingDate: string): string {
  return addDays(sendingDate, REPLY_DAYS);
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

/** The letter, in the letter's language (which may differ from the page's). */
export function buildLetter(form: LetterForm, translator: Translator): Letter {
  const lang = form.letterLanguage;
  const t = translator.forLanguage(lang);
  const type: RequestType = form.requestType;
  const replyByIso = replyByDate(form.sendingDate);
  const replyBy = formatLongDate(replyByIso, lang);
  return {
    lang,
    heading: t('letters.template.heading'),
    to: [t('letters.template.to', { organisation: form.organisationName }), ...(form.organisationAddress ? [form.organisationAddress] : [])],
    from: [t('letters.template.from', { name: form.fullName }), form.contact],
    date: formatLongDate(form.sendingDate, lang),
    subject: t(`letters.template.subject.${type}`),
    opening: t('letters.template.opening', { name: form.fullName }),
    request: t(`letters.template.request.${type}`),
    paragraphs: [
      t('letters.template.legalBasis'),
      t('letters.template.deadline', { date: replyBy }),
      t('letters.template.refusal'),
      t('letters.template.escalation'),
    ],
    ...(form.details ? { details: { label: t(`letters.template.detailsLabel.${type}`), text: form.details } } : {}),
    closing: t('letters.template.closing'),
    signature: form.fullName,
    replyBy,
    replyByIso,
  };
}

/**
 * A calendar reminder (.ics) for a letter's reply-by date: an all-day event in the letter's language naming the
 * organisation and the kind of request, with an alert that morning and a link to the "my request" page.
 */
import { createHash } from 'node:crypto';
import { createEvent, type DateArray } from 'ics';
import { pathTo } from '../../http/paths.ts';
import type { Translate } from '../../i18n/i18n.ts';
import { addDays, formatLongDate } from '../../lib/dates.ts';
import { REQUEST_NAMES } from './request-names.ts';
import type { LetterForm } from './schemas.ts';
import { replyByDate } from './service.ts';

const dateArray = (iso: string): DateArray => iso.split('-').map(Number) as DateArray;

export function requestCalendar(t: Translate, form: LetterForm, replyDays: number, publicUrl: string): string {
  const lang = form.letterLanguage;
  const replyBy = replyByDate(form.sendingDate, replyDays);
  const values = {
    organisation: form.organisationName,
    type: t(REQUEST_NAMES[form.requestType]),
    sent: formatLongDate(form.sendingDate, lang),
    date: formatLongDate(replyBy, lang),
    link: `${publicUrl}${pathTo('letters.myRequest', { lang })}`,
  };
  // The same letter gives the same event, so downloading it twice updates one entry instead of adding another.
  const uid = createHash('sha256')
    .update(JSON.stringify([form.organisationName, form.requestType, form.sendingDate]))
    .digest('hex')
    .slice(0, 32);
  const { error, value } = createEvent({
    uid: `${uid}@ukuk`,
    productId: 'ukuk/request-reminder',
    start: dateArray(replyBy),
    end: dateArray(addDays(replyBy, 1)),
    title: t('letters.calendar.title', values),
    description: t('letters.calendar.description', values),
    url: values.link,
    alarms: [{ action: 'display', description: t('letters.calendar.title', values), trigger: { hours: 9, before: false } }],
  });
  if (error || !value) throw error ?? new Error('calendar not built');
  return value;
}

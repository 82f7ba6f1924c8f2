/** The "my request" page: how many days the organisation has left, or "you can complain now", and the letter. */
import type { Language } from '../../../config.ts';
import { pathTo } from '../../../http/paths.ts';
import type { FormErrors } from '../../../http/validation.ts';
import type { Translate } from '../../../i18n/i18n.ts';
import { formatLongDate } from '../../../lib/dates.ts';
import { REQUEST_NAMES } from '../request-names.ts';
import type { Letter } from '../service.ts';
import { daysLeft, type TrackedRequest } from '../tracking.ts';

export function presentMyRequestSignIn(t: Translate, lang: Language, values: Record<string, unknown> = {}, errors?: FormErrors) {
  return {
    title: t('letters.myRequest.title'),
    action: pathTo('letters.myRequest', { lang }),
    values,
    errors,
    breadcrumbs: [{ text: t('common.home'), href: pathTo('home', { lang }) }, { text: t('letters.myRequest.title') }],
  };
}

export function presentMyRequest(t: Translate, lang: Language, request: TrackedRequest, letter: Letter, today?: string) {
  const left = daysLeft(request.replyBy, today);
  return {
    title: t('letters.myRequest.title'),
    organisation: request.form.organisationName,
    requestName: t(REQUEST_NAMES[request.requestType]),
    sent: formatLongDate(request.sendingDate, lang),
    replyBy: formatLongDate(request.replyBy, lang),
    // The organisation may still answer on the reply-by day itself; from the next day on, the citizen may complain.
    canComplain: left < 0,
    dueToday: left === 0,
    daysLeft: left > 0 ? t('letters.myRequest.daysLeft', { count: left }) : undefined,
    code: request.code,
    complainAction: pathTo('letters.fromRequest', { lang }),
    letter,
    breadcrumbs: [{ text: t('common.home'), href: pathTo('home', { lang }) }, { text: t('letters.myRequest.title') }],
  };
}

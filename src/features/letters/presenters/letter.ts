/** The letter page: the letter, the same in another language, and "no answer? complain" with its facts. */
import { LANGUAGES, type Language } from '../../../config.ts';
import { toDateParts } from '../../../http/date-fields.ts';
import { LANGUAGE_NAMES } from '../../../http/language.ts';
import { pathTo } from '../../../http/paths.ts';
import type { FormErrors } from '../../../http/validation.ts';
import type { Translate } from '../../../i18n/i18n.ts';
import { bishkekToday } from '../../../lib/dates.ts';
import type { LetterForm } from '../schemas.ts';
import type { Letter } from '../service.ts';

/** What the "follow this request" form shows again after a problem. */
interface FollowShown {
  values: Record<string, unknown>;
  errors?: FormErrors;
}

export function presentLetterPage(t: Translate, lang: Language, form: LetterForm, letter: Letter, organisationNumber = '', follow?: FollowShown) {
  return {
    title: t('letters.resultTitle'),
    letter,
    // A letter dated more than a week ago: the organisation's time is already up.
    past: letter.replyByIso < bishkekToday(),
    calendarAction: pathTo('letters.calendar', { lang }),
    followAction: pathTo('letters.follow', { lang }),
    follow: { values: follow?.values ?? {} },
    errors: follow?.errors,
    // The answers again as hidden fields, so the letter can be rebuilt without storing anything.
    form: { ...form, sendingDate: toDateParts(form.sendingDate), organisationNumber },
    rebuildAction: pathTo('letters.form', { lang }),
    complainAction: pathTo('letters.toComplaint', { lang }),
    otherLanguages: LANGUAGES.filter((code) => code !== letter.lang).map((code) => ({ code, name: LANGUAGE_NAMES[code] })),
    breadcrumbs: [
      { text: t('common.home'), href: pathTo('home', { lang }) },
      { text: t('letters.title'), href: pathTo('letters.form', { lang }) },
      { text: t('letters.resultTitle') },
    ],
  };
}

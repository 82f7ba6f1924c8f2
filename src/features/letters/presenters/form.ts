/** The request-letter form: the kinds of request, the letter's languages, and what was typed. */
import { LANGUAGES, type Language } from '../../../config.ts';
import { LANGUAGE_NAMES } from '../../../http/language.ts';
import { pathTo } from '../../../http/paths.ts';
import type { FormErrors } from '../../../http/validation.ts';
import type { Translate } from '../../../i18n/i18n.ts';
import { REQUEST_TYPES, type RequestType } from '../schemas.ts';

/** Each kind of request's label and hint, written out (the keys are checked in every language). */
const TYPE_TEXTS: Record<RequestType, { label: string; hint: string }> = {
  information: { label: 'letters.types.information.label', hint: 'letters.types.information.hint' },
  access: { label: 'letters.types.access.label', hint: 'letters.types.access.hint' },
  correction: { label: 'letters.types.correction.label', hint: 'letters.types.correction.hint' },
  blocking: { label: 'letters.types.blocking.label', hint: 'letters.types.blocking.hint' },
  'stop-processing': { label: 'letters.types.stop-processing.label', hint: 'letters.types.stop-processing.hint' },
};

export function presentLetterForm(t: Translate, lang: Language, values: Record<string, unknown>, errors?: FormErrors, stale = false) {
  return {
    title: t('letters.title'),
    action: pathTo('letters.form', { lang }),
    values,
    errors,
    stale,
    requestTypes: REQUEST_TYPES.map((type) => ({ value: type, label: t(TYPE_TEXTS[type].label), hint: t(TYPE_TEXTS[type].hint) })),
    letterLanguages: LANGUAGES.map((code) => ({ value: code, label: LANGUAGE_NAMES[code] })),
    breadcrumbs: [{ text: t('common.home'), href: pathTo('home', { lang }) }, { text: t('letters.title') }],
  };
}

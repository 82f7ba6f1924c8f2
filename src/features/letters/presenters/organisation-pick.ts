/** The letter form's results step: the register entries the organisation's name may mean, the letter kept hidden. */
import type { Language } from '../../../config.ts';
import { toDateParts } from '../../../http/date-fields.ts';
import { pathTo } from '../../../http/paths.ts';
import type { Translate } from '../../../i18n/i18n.ts';
import type { OrganisationChoice } from '../../register/service.ts';
import type { LetterForm } from '../schemas.ts';

/** An ИНН in groups of four, as the register prints it. */
const spaced = (inn: string): string => inn.replace(/(\d{4})(?=\d)/g, '$1\u00a0');

export function presentLetterPick(t: Translate, lang: Language, form: LetterForm, candidates: readonly OrganisationChoice[], missingChoice: boolean) {
  const error = missingChoice ? { field: 'organisationChoice', key: 'intake.pick.required', values: {} } : undefined;
  const typed = form.organisationName;
  return {
    title: t('intake.pick.title'),
    action: pathTo('letters.form', { lang }),
    form: { ...form, sendingDate: toDateParts(form.sendingDate) },
    errors: error ? { list: [error], byField: { organisationChoice: error } } : undefined,
    choice: {
      name: 'organisationChoice',
      legend: t('intake.pick.legend', { name: typed }),
      hint: t('intake.pick.hint'),
      error,
      items: [
        ...candidates.map((entry) => ({
          value: entry.registrationNumber,
          label: entry.name,
          hint: t('intake.pick.entryHint', { number: entry.registrationNumber, inn: spaced(entry.inn) }),
        })),
        { value: 'typed', label: t('intake.pick.typed', { name: typed }) },
      ],
    },
    breadcrumbs: [
      { text: t('common.home'), href: pathTo('home', { lang }) },
      { text: t('letters.title'), href: pathTo('letters.form', { lang }) },
    ],
  };
}

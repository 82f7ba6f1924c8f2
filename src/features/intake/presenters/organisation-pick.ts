/** The organisation picker's results step: the register entries a typed name may mean, and "use what I typed". */
import type { Language } from '../../../config.ts';
import type { FormErrors } from '../../../http/validation.ts';
import type { Translate } from '../../../i18n/i18n.ts';
import type { OrganisationChoice } from '../../register/service.ts';
import type { Journey, Step } from '../journey.ts';
import { stepHref } from './step.ts';

export interface PickPageInput {
  t: Translate;
  lang: Language;
  journey: Journey;
  step: Step;
  typed: string;
  candidates: readonly OrganisationChoice[];
  change: boolean;
  errors?: FormErrors;
}

/** An ИНН in groups of four, as the register prints it. */
const spaced = (inn: string): string => inn.replace(/(\d{4})(?=\d)/g, '$1\u00a0');

export function presentPickPage(input: PickPageInput) {
  const { t, lang, journey, step, typed } = input;
  const action = stepHref(lang, journey, step.id) + (input.change ? '?change=1' : '');
  return {
    title: t('intake.pick.title'),
    journeyTitle: t(journey.titleKey),
    action,
    backHref: stepHref(lang, journey, step.id) + (input.change ? '?change=1' : ''),
    typed,
    errors: input.errors,
    choice: {
      name: 'organisationChoice',
      legend: t('intake.pick.legend', { name: typed }),
      hint: t('intake.pick.hint'),
      error: input.errors?.byField.organisationChoice,
      items: [
        ...input.candidates.map((entry) => ({
          value: entry.registrationNumber,
          label: entry.name,
          hint: t('intake.pick.entryHint', { number: entry.registrationNumber, inn: spaced(entry.inn) }),
        })),
        { value: 'typed', label: t('intake.pick.typed', { name: typed }) },
      ],
    },
  };
}

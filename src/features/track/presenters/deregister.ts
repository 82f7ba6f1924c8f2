/** The form a holder asks with to remove their entry from the register (pure): its questions, values and errors. */
import type { Language } from '../../../config.ts';
import { pathTo } from '../../../http/paths.ts';
import type { FormErrors } from '../../../http/validation.ts';
import type { Translate } from '../../../i18n/i18n.ts';
import { fieldViews } from '../../intake/answers.ts';
import { DEREGISTRATION_STEP } from '../../intake/deregistration-form.ts';
import type { Deregistration } from '../../intake/deregistration.ts';
import { organisationName } from '../../register/service.ts';

export function presentDeregisterPage(
  context: { t: Translate; lang: Language },
  request: Deregistration,
  form: { values: Record<string, unknown>; errors?: FormErrors },
) {
  const { t, lang } = context;
  return {
    title: t('track.deregister.title'),
    number: request.entry.registrationNumber,
    name: organisationName(request.entry, lang),
    publicHref: pathTo('register.entry', { lang, number: request.entry.registrationNumber }),
    pending: request.pending,
    fields: fieldViews(DEREGISTRATION_STEP, t, form.values, form.errors),
    errors: form.errors,
  };
}

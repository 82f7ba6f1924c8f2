/** The edit page's own fields of a quiz question (its options, the right one, its article) and of a step of the guide. */
import type { FormErrors } from '../../../http/validation.ts';
import type { Translate } from '../../../i18n/i18n.ts';
import { helpFields } from '../help-form.ts';
import { QUIZ_OPTION_IDS } from '../quiz-form.ts';
import type { StructuredField } from './staff-campaign.ts';

function field(name: string, label: string, hint: string | undefined, values: Record<string, string>, errors: FormErrors | undefined): StructuredField {
  return { name, label, hint, value: values[name] ?? '', multiline: false, rows: 2, type: 'text', error: errors?.byField[name] };
}

export function presentQuizFields(values: Record<string, string>, errors: FormErrors | undefined, t: Translate): StructuredField[] {
  const options = QUIZ_OPTION_IDS.map((id, index) =>
    field(
      `quiz-option-${id}`,
      t('editorial.quiz.option', { letter: id.toUpperCase() }),
      index < 2 ? undefined : t('editorial.quiz.optionalOption'),
      values,
      errors,
    ),
  );
  return [
    ...options,
    {
      ...field('quiz-correct', t('editorial.quiz.correct'), undefined, values, errors),
      choices: QUIZ_OPTION_IDS.map((id) => ({ value: id, label: t('editorial.quiz.option', { letter: id.toUpperCase() }) })),
    },
    field('quiz-article', t('editorial.quiz.article'), t('editorial.quiz.articleHint'), values, errors),
  ];
}

export function presentHelpFields(slug: string, values: Record<string, string>, errors: FormErrors | undefined, t: Translate): StructuredField[] {
  return helpFields(slug).map(({ name, group, leadsTo }, index) =>
    group === 'answers'
      ? field(name, t('editorial.help.answer', { number: index + 1 }), t('editorial.help.leadsToStep', { step: leadsTo }), values, errors)
      : field(name, t('editorial.help.nextStep', { number: index + 1 }), t('editorial.help.leadsToPage', { page: leadsTo }), values, errors),
  );
}

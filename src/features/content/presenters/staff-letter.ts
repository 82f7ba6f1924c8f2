/** A letter template's paragraphs on the edit page: labels, the placeholder each must keep, values and errors. */
import type { FormErrors } from '../../../http/validation.ts';
import type { Translate } from '../../../i18n/i18n.ts';
import { LETTER_FIELDS, letterFieldInfo } from '../letter-template.ts';
import type { StructuredField } from './staff-campaign.ts';

export function presentLetterFields(values: Record<string, string>, errors: FormErrors | undefined, t: Translate): StructuredField[] {
  return LETTER_FIELDS.map(({ name, key, type }) => {
    const { long, placeholder } = letterFieldInfo(name);
    return {
      name,
      label: type ? t(`editorial.letter.${key}`, { type: t(`letters.types.${type}.label`) }) : t(`editorial.letter.${key}`),
      hint: placeholder ? t('editorial.letter.placeholderHint', { placeholder: `{{${placeholder}}}` }) : t('editorial.letter.noPlaceholderHint'),
      value: values[name] ?? '',
      multiline: long,
      rows: 4,
      type: 'text',
      error: errors?.byField[name],
    };
  });
}

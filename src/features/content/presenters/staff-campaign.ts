/** The campaign fields of the edit page: labels, hints, values (the version's, or what the editor typed) and errors. */
import type { FormErrors } from '../../../http/validation.ts';
import type { Translate } from '../../../i18n/i18n.ts';
import { CAMPAIGN_FIELDS } from '../campaign-form.ts';

export interface StructuredField {
  name: string;
  label: string;
  hint: string | undefined;
  value: string;
  multiline: boolean;
  rows: number;
  type: string;
  error: FormErrors['byField'][string] | undefined;
  /** One choice of a few, shown as radio buttons. */
  choices?: { value: string; label: string }[];
}

const MULTILINE = new Set(['posterPoints', 'posterCallToAction', 'socialPosts', 'smsTexts', 'messengerTexts', 'keyMessages', 'actions', 'questionsAndAnswers']);
/** Fields whose hint explains their own line format. */
const OWN_HINT = new Set(['smsTexts', 'actions', 'questionsAndAnswers']);
const LISTS = new Set(['posterPoints', 'socialPosts', 'smsTexts', 'messengerTexts', 'keyMessages']);

export function presentCampaignFields(values: Record<string, string>, errors: FormErrors | undefined, t: Translate): StructuredField[] {
  return CAMPAIGN_FIELDS.map((name) => ({
    name,
    label: t(`editorial.campaign.${name}`),
    hint: OWN_HINT.has(name)
      ? t(`editorial.campaign.${name === 'smsTexts' ? 'sms' : name}Hint`)
      : LISTS.has(name)
        ? t('editorial.campaign.listHint')
        : undefined,
    value: values[name] ?? '',
    multiline: MULTILINE.has(name),
    rows: name === 'questionsAndAnswers' ? 12 : 5,
    type: name.startsWith('period') ? 'date' : 'text',
    error: errors?.byField[name],
  }));
}

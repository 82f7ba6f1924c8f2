/**
 * The fields some kinds keep besides the article (a campaign's poster and texts to share, a letter template's
 * paragraphs): one interface for the edit page, so it shows, keeps and checks them the same way for each kind.
 */
import type { FormErrors } from '../../http/validation.ts';
import type { Translate } from '../../i18n/i18n.ts';
import { CAMPAIGN_FIELDS, campaignFormValues, parseCampaignForm } from './campaign-form.ts';
import { LETTER_FIELDS, letterFormValues, parseLetterForm } from './letter-template.ts';
import { presentCampaignFields, type StructuredField } from './presenters/staff-campaign.ts';
import { presentLetterFields } from './presenters/staff-letter.ts';
import type { ContentKind } from './source.ts';

export interface StructuredForm {
  legendKey: string;
  errorKey: string;
  names: readonly string[];
  values(extra: Record<string, unknown>): Record<string, string>;
  parse(body: Record<string, unknown>): { ok: true; extra: Record<string, unknown> } | { ok: false; fields: string[] };
  present(values: Record<string, string>, errors: FormErrors | undefined, t: Translate): StructuredField[];
}

const FORMS: Partial<Record<ContentKind, StructuredForm>> = {
  campaigns: {
    legendKey: 'editorial.campaign.legend',
    errorKey: 'editorial.errors.campaignField',
    names: CAMPAIGN_FIELDS,
    values: (extra) => campaignFormValues(extra),
    parse: (body) => {
      const result = parseCampaignForm(body);
      return result.ok ? { ok: true, extra: { ...result.extra } } : result;
    },
    present: presentCampaignFields,
  },
  letters: {
    legendKey: 'editorial.letter.legend',
    errorKey: 'editorial.errors.letterField',
    names: LETTER_FIELDS.map(({ name }) => name),
    values: (extra) => letterFormValues(extra),
    parse: (body) => {
      const result = parseLetterForm(body);
      return result.ok ? { ok: true, extra: { ...result.extra } } : result;
    },
    present: presentLetterFields,
  },
};

export function structuredForm(kind: ContentKind): StructuredForm | undefined {
  return FORMS[kind];
}

/** The fields as the editor typed them, to put back in the form. */
export function typedStructured(form: StructuredForm, body: unknown): Record<string, string> {
  const input = (body ?? {}) as Record<string, unknown>;
  return Object.fromEntries(form.names.map((name) => [name, typeof input[name] === 'string' ? input[name] : '']));
}

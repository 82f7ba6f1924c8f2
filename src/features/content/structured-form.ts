/**
 * The fields some kinds keep besides the article (a campaign's poster and texts to share, a letter template's
 * paragraphs): one interface for the edit page, so it shows, keeps and checks them the same way for each kind.
 */
import type { FormErrors } from '../../http/validation.ts';
import type { Translate } from '../../i18n/i18n.ts';
import { CAMPAIGN_FIELDS, campaignFormValues, parseCampaignForm } from './campaign-form.ts';
import { helpFields, helpFormValues, parseHelpForm } from './help-form.ts';
import { LETTER_FIELDS, letterFormValues, parseLetterForm } from './letter-template.ts';
import { presentCampaignFields, type StructuredField } from './presenters/staff-campaign.ts';
import { presentHelpFields, presentQuizFields } from './presenters/staff-tools.ts';
import { presentLetterFields } from './presenters/staff-letter.ts';
import { parseQuizForm, QUIZ_FIELDS, quizFormValues } from './quiz-form.ts';
import type { ContentKind } from './source.ts';

/** Article fields a kind names in its own words (translation keys), or leaves optional. */
export type ArticleField = 'title' | 'summary' | 'bodyMarkdown' | 'legalBasis';

export interface StructuredForm {
  legendKey: string;
  errorKey: string;
  names: readonly string[];
  values(extra: Record<string, unknown>): Record<string, string>;
  parse(body: Record<string, unknown>): { ok: true; extra: Record<string, unknown> } | { ok: false; fields: string[] };
  present(values: Record<string, string>, errors: FormErrors | undefined, t: Translate): StructuredField[];
  articleLabels?: Partial<Record<ArticleField, string>>;
  optional?: readonly ArticleField[];
}

const FORMS: Partial<Record<ContentKind, StructuredForm | ((slug: string) => StructuredForm)>> = {
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
  quiz: {
    legendKey: 'editorial.quiz.legend',
    errorKey: 'editorial.errors.quizField',
    names: QUIZ_FIELDS,
    values: (extra) => quizFormValues(extra),
    parse: (body) => {
      const result = parseQuizForm(body);
      return result.ok ? { ok: true, extra: { ...result.extra } } : result;
    },
    present: presentQuizFields,
    articleLabels: { title: 'editorial.quiz.title', summary: 'editorial.quiz.summary', bodyMarkdown: 'editorial.quiz.body' },
    optional: ['bodyMarkdown'],
  },
  help: (slug) => ({
    legendKey: 'editorial.help.legend',
    errorKey: 'editorial.errors.helpField',
    names: helpFields(slug).map(({ name }) => name),
    values: (extra) => helpFormValues(slug, extra),
    parse: (body) => {
      const result = parseHelpForm(slug, body);
      return result.ok ? { ok: true, extra: { ...result.extra } } : result;
    },
    present: (values, errors, t) => presentHelpFields(slug, values, errors, t),
    articleLabels: { title: 'editorial.help.title', summary: 'editorial.help.summary', bodyMarkdown: 'editorial.help.body' },
    optional: ['bodyMarkdown', 'legalBasis'],
  }),
};

/** The kind's own fields for one item (the guide's steps each have their own answers or next steps). */
export function structuredForm(kind: ContentKind, slug: string): StructuredForm | undefined {
  const form = FORMS[kind];
  return typeof form === 'function' ? form(slug) : form;
}

/** The fields as the editor typed them, to put back in the form. */
export function typedStructured(form: StructuredForm, body: unknown): Record<string, string> {
  const input = (body ?? {}) as Record<string, unknown>;
  return Object.fromEntries(form.names.map((name) => [name, typeof input[name] === 'string' ? input[name] : '']));
}

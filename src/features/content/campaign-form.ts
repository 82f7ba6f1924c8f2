/**
 * A campaign's own texts on the edit page: its period, audience, message, hashtag, poster, the texts to share,
 * its calls to action and the media kit's questions and answers — validated by the same rules as the campaign
 * files. Lists are one item per line; a call to action is "label | /lang/path"; the questions and answers are
 * blocks separated by an empty line, the question on the block's first line and the answer below it.
 */
import type { z } from 'zod';
import { campaignSchema, type CampaignExtra } from './front-matter.ts';

/** Form field (camelCase, as in CampaignExtra) → front-matter key. */
const FIELDS = {
  periodStart: 'period_start',
  periodEnd: 'period_end',
  audience: 'audience',
  message: 'message',
  hashtag: 'hashtag',
  posterTitle: 'poster_title',
  posterPoints: 'poster_points',
  posterCallToAction: 'poster_call_to_action',
  socialPosts: 'social_posts',
  smsTexts: 'sms_texts',
  messengerTexts: 'messenger_texts',
  keyMessages: 'key_messages',
  actions: 'actions',
  questionsAndAnswers: 'questions_and_answers',
} as const;
type Field = keyof typeof FIELDS;

const LISTS = new Set<Field>(['posterPoints', 'socialPosts', 'smsTexts', 'messengerTexts', 'keyMessages']);

const extraSchema = campaignSchema.pick({ ...Object.fromEntries(Object.values(FIELDS).map((key) => [key, true])) } as Record<(typeof FIELDS)[Field], true>);

export const CAMPAIGN_FIELDS = Object.keys(FIELDS) as Field[];

const lines = (raw: string): string[] =>
  raw
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);

/** "label | /ky/path" per line; a line without a bar keeps an empty href, which the schema refuses. */
function parseActions(raw: string): { label: string; href: string }[] {
  return lines(raw).map((line) => {
    const bar = line.lastIndexOf('|');
    return bar < 0 ? { label: line, href: '' } : { label: line.slice(0, bar).trim(), href: line.slice(bar + 1).trim() };
  });
}

/** Blocks separated by an empty line: the first line is the question, the rest the answer. */
function parseQuestions(raw: string): { question: string; answer: string }[] {
  return raw
    .split(/\r?\n\s*\r?\n/)
    .map(lines)
    .filter((block) => block.length > 0)
    .map(([question = '', ...answer]) => ({ question, answer: answer.join(' ') }));
}

function formValue(field: Field, extra: Partial<CampaignExtra>): string {
  if (field === 'actions') return (extra.actions ?? []).map(({ label, href }) => `${label} | ${href}`).join('\n');
  if (field === 'questionsAndAnswers') return (extra.questionsAndAnswers ?? []).map(({ question, answer }) => `${question}\n${answer}`).join('\n\n');
  const value = extra[field];
  return Array.isArray(value) ? value.join('\n') : (value ?? '');
}

/** The form's text for each field. */
export function campaignFormValues(extra: Partial<CampaignExtra>): Record<Field, string> {
  return Object.fromEntries(CAMPAIGN_FIELDS.map((field) => [field, formValue(field, extra)])) as Record<Field, string>;
}

export type CampaignFormResult = { ok: true; extra: CampaignExtra } | { ok: false; fields: Field[] };

function formInput(body: Record<string, unknown>): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const field of CAMPAIGN_FIELDS) {
    const raw = typeof body[field] === 'string' ? body[field].trim() : '';
    if (field === 'actions') input[FIELDS[field]] = parseActions(raw);
    else if (field === 'questionsAndAnswers') input[FIELDS[field]] = parseQuestions(raw);
    else if (LISTS.has(field)) input[FIELDS[field]] = lines(raw);
    else if (raw !== '' || field !== 'hashtag') input[FIELDS[field]] = raw;
  }
  return input;
}

export function parseCampaignForm(body: Record<string, unknown>): CampaignFormResult {
  const parsed: z.ZodSafeParseResult<z.output<typeof extraSchema>> = extraSchema.safeParse(formInput(body));
  if (!parsed.success) {
    const byKey = new Map(Object.entries(FIELDS).map(([field, key]) => [key as string, field as Field]));
    return { ok: false, fields: [...new Set(parsed.error.issues.flatMap((issue) => byKey.get(String(issue.path[0])) ?? []))] };
  }
  const data = parsed.data;
  return {
    ok: true,
    extra: {
      periodStart: data.period_start,
      periodEnd: data.period_end,
      audience: data.audience,
      message: data.message,
      ...(data.hashtag ? { hashtag: data.hashtag } : {}),
      posterTitle: data.poster_title,
      posterPoints: data.poster_points,
      posterCallToAction: data.poster_call_to_action,
      socialPosts: data.social_posts,
      smsTexts: data.sms_texts,
      messengerTexts: data.messenger_texts,
      keyMessages: data.key_messages,
      actions: data.actions,
      questionsAndAnswers: data.questions_and_answers,
    },
  };
}

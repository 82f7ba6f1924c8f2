/**
 * A campaign's own texts on the edit page: its period, audience, message, hashtag, poster and the texts to
 * share, one per line — validated by the same rules as the campaign files. Its calls to action and media-kit
 * questions keep what the version being edited had (they are edited in the files).
 */
import type { z } from 'zod';
import { campaignSchema, type CampaignExtra } from './source.ts';

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
} as const;
type Field = keyof typeof FIELDS;

const LISTS = new Set<Field>(['posterPoints', 'socialPosts', 'smsTexts', 'messengerTexts', 'keyMessages']);

const extraSchema = campaignSchema.pick({ ...Object.fromEntries(Object.values(FIELDS).map((key) => [key, true])) } as Record<(typeof FIELDS)[Field], true>);

export const CAMPAIGN_FIELDS = Object.keys(FIELDS) as Field[];

/** The form's text for each field: lists one item per line. */
export function campaignFormValues(extra: Partial<CampaignExtra>): Record<Field, string> {
  return Object.fromEntries(
    CAMPAIGN_FIELDS.map((field) => {
      const value = extra[field];
      return [field, Array.isArray(value) ? value.join('\n') : (value ?? '')];
    }),
  ) as Record<Field, string>;
}

export type CampaignFormResult = { ok: true; extra: CampaignExtra } | { ok: false; fields: Field[] };

export function parseCampaignForm(body: Record<string, unknown>, previous: Partial<CampaignExtra>): CampaignFormResult {
  const input: Record<string, unknown> = {};
  for (const field of CAMPAIGN_FIELDS) {
    const raw = typeof body[field] === 'string' ? body[field].trim() : '';
    if (LISTS.has(field))
      input[FIELDS[field]] = raw
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean);
    else if (raw !== '' || field !== 'hashtag') input[FIELDS[field]] = raw;
  }
  const parsed: z.ZodSafeParseResult<z.output<typeof extraSchema>> = extraSchema.safeParse(input);
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
      actions: previous.actions ?? [],
      questionsAndAnswers: previous.questionsAndAnswers ?? [],
    },
  };
}

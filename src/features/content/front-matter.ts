/**
 * The YAML front matter of each kind of content file, validated by zod: the article fields every item has, and
 * what some kinds add (a campaign's poster and texts, a letter's paragraphs, a quiz question's options, the
 * guide's answer labels), turned into the version's `extra`.
 */
import { z } from 'zod';
import type { ContentKind, ContentSource } from './source.ts';
import { helpFrontMatter, missingHelpLabels } from './help-form.ts';
import { letterParagraphsSchema } from './letter-template.ts';
import { quizFrontMatter } from './quiz-form.ts';

const slug = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
  .max(80);
const isoDate = z.union([z.date().transform((date) => date.toISOString().slice(0, 10)), z.string().regex(/^\d{4}-\d{2}-\d{2}$/)]);
const text = z.string().trim().min(1);

const frontMatterSchema = z.object({
  title: text.max(200),
  summary: text.max(600),
  legal_basis: text.max(600),
  last_reviewed: isoDate,
  topic: z
    .string()
    .regex(/^[a-z][a-z-]*$/)
    .max(32),
  order: z.number().int().default(0),
  related: z.array(slug).default([]),
});

/** What a campaign adds: its period, slogan, printable poster, posts to share and calls to action. */
export const campaignSchema = frontMatterSchema.extend({
  period_start: isoDate,
  period_end: isoDate,
  audience: text.max(300),
  message: text.max(300),
  poster_title: text.max(120),
  poster_points: z.array(text.max(200)).min(2).max(6),
  poster_call_to_action: text.max(300),
  social_posts: z.array(text.max(320)).min(2).max(8),
  actions: z
    .array(z.object({ label: text.max(80), href: z.string().regex(/^\/(ky|ru|en)\/[\w/?=&-]*$/) }))
    .min(1)
    .max(6),
  hashtag: z
    .string()
    .regex(/^#[\p{L}\p{N}_]{2,60}$/u)
    .optional(),
  sms_texts: z.array(text.refine(fitsOneSms, 'longer than one SMS (160 characters, 70 with Cyrillic)')).max(4).default([]),
  messenger_texts: z.array(text.max(700)).max(4).default([]),
  key_messages: z.array(text.max(300)).max(6).default([]),
  questions_and_answers: z
    .array(z.object({ question: text.max(300), answer: text.max(1200) }))
    .max(10)
    .default([]),
});

/** A letter template: the article fields say what it is for; its paragraphs are what the letter says. */
const letterTemplateSchema = frontMatterSchema.extend({ paragraphs: letterParagraphsSchema });

/** One SMS segment: 160 characters of the GSM alphabet, or 70 when the text needs Unicode (Cyrillic, «», №). */
export function fitsOneSms(value: string): boolean {
  return /^[A-Za-z0-9 @£$¥!"#%&'()*+,\-./:;<=>?\n]*$/.test(value) ? value.length <= 160 : value.length <= 70;
}

export interface CampaignExtra {
  periodStart: string;
  periodEnd: string;
  audience: string;
  message: string;
  posterTitle: string;
  posterPoints: string[];
  posterCallToAction: string;
  socialPosts: string[];
  actions: { label: string; href: string }[];
  /** The campaign's one hashtag, the same in every language. */
  hashtag?: string;
  smsTexts: string[];
  messengerTexts: string[];
  /** The media kit. */
  keyMessages: string[];
  questionsAndAnswers: { question: string; answer: string }[];
}

export function schemaFor(kind: ContentKind) {
  switch (kind) {
    case 'campaigns':
      return campaignSchema;
    case 'letters':
      return letterTemplateSchema;
    case 'help':
      return frontMatterSchema.extend({ legal_basis: helpFrontMatter.shape.legal_basis });
    default:
      return frontMatterSchema;
  }
}

/** The fields a kind keeps besides the article's, from front matter already validated by `schemaFor`. */
export function extraOf(kind: ContentKind, slug: string, data: unknown): { extra: ContentSource['extra'] } | { problem: string } {
  if (kind === 'letters') return { extra: { paragraphs: letterTemplateSchema.parse(data).paragraphs } };
  if (kind === 'quiz') {
    const quiz = quizFrontMatter.safeParse(data);
    return quiz.success ? { extra: quiz.data } : { problem: quiz.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ') };
  }
  if (kind === 'help') {
    const help = helpFrontMatter.parse(data);
    const extra = { ...(help.answers ? { answers: help.answers } : {}), ...(help.next_steps ? { nextSteps: help.next_steps } : {}) };
    const missing = missingHelpLabels(slug, extra);
    return missing.length > 0 ? { problem: missing.join('; ') } : { extra };
  }
  if (kind === 'campaigns') {
    const campaign = campaignSchema.parse(data);
    return {
      extra: {
        periodStart: campaign.period_start,
        periodEnd: campaign.period_end,
        audience: campaign.audience,
        message: campaign.message,
        posterTitle: campaign.poster_title,
        posterPoints: campaign.poster_points,
        posterCallToAction: campaign.poster_call_to_action,
        socialPosts: campaign.social_posts,
        actions: campaign.actions,
        ...(campaign.hashtag ? { hashtag: campaign.hashtag } : {}),
        smsTexts: campaign.sms_texts,
        messengerTexts: campaign.messenger_texts,
        keyMessages: campaign.key_messages,
        questionsAndAnswers: campaign.questions_and_answers,
      },
    };
  }
  return { extra: {} };
}

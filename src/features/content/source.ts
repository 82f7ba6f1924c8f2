/**
 * Guidance content as it lives in the repository: `seeds/content/<kind>/<slug>.<lang>.md`, Markdown with YAML
 * front matter. Parsing, validation and rendering are pure: Markdown becomes HTML once, here, and is
 * sanitised with an allow-list — the only HTML any page prints unescaped.
 */
import { createHash } from 'node:crypto';
import matter from 'gray-matter';
import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { z } from 'zod';
import type { Language } from '../../config.ts';
import { letterParagraphsSchema, type LetterExtra } from './letter-template.ts';

export const CONTENT_KINDS = ['rights', 'guides', 'faq', 'campaigns', 'notices', 'letters'] as const;
export type ContentKind = (typeof CONTENT_KINDS)[number];

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

export interface ContentSource {
  kind: ContentKind;
  slug: string;
  lang: Language;
  topic: string;
  order: number;
  related: string[];
  title: string;
  summary: string;
  legalBasis: string;
  lastReviewed: string;
  bodyMarkdown: string;
  bodyHtml: string;
  bodyText: string;
  extra: CampaignExtra | LetterExtra | Record<string, never>;
  checksum: string;
}

const FILE_NAME = /^([a-z0-9]+(?:-[a-z0-9]+)*)\.(ky|ru|en)\.md$/;

export function parseFileName(fileName: string): { slug: string; lang: Language } | undefined {
  const match = FILE_NAME.exec(fileName);
  return match ? { slug: match[1] as string, lang: match[2] as Language } : undefined;
}

const marked = new Marked({ gfm: true, breaks: false });

/** The allow-list: structure and emphasis, links to https/mailto or paths on this site — no scripts, styles, handlers, images or frames. */
const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ['h2', 'h3', 'h4', 'p', 'ul', 'ol', 'li', 'strong', 'em', 'a', 'blockquote', 'code', 'br', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td'],
  allowedAttributes: { a: ['href'], th: ['scope'] },
  allowedSchemes: ['https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // A Markdown "# heading" would compete with the page's own h1.
  transformTags: { h1: 'h2' },
};

export function renderMarkdown(markdown: string): string {
  return sanitizeHtml(marked.parse(markdown, { async: false }), SANITIZE);
}

/** What the renderer will drop from a text, so the editor can be told: raw HTML (scripts included), images, unsafe links. */
export function droppedMarkup(markdown: string): { html: boolean; images: boolean; links: boolean } {
  const found = { html: false, images: false, links: false };
  void marked.walkTokens(marked.lexer(markdown), (token) => {
    if (token.type === 'html') found.html = true;
    if (token.type === 'image') found.images = true;
    if (token.type === 'link' && !/^(https:\/\/|mailto:|\/(?!\/)|#)/i.test(typeof token.href === 'string' ? token.href : '')) found.links = true;
  });
  return found;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'", '&nbsp;': ' ' };

/** Plain text of sanitised HTML, for search (control characters removed: search uses them as highlight markers). */
export function plainText(html: string): string {
  return (
    sanitizeHtml(html.replace(/<\/(p|h\d|li|td|th|blockquote)>/g, '$&\n'), { allowedTags: [], allowedAttributes: {} })
      .replace(/&(amp|lt|gt|quot|#39|#x27|nbsp);/g, (entity) => ENTITIES[entity] ?? entity)
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b-\u001f]/g, '')
      .replace(/[ \t]+/g, ' ')
      .replace(/\n{2,}/g, '\n')
      .trim()
  );
}

export class ContentError extends Error {
  constructor(file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.name = 'ContentError';
  }
}

/** Parses and renders one file; throws ContentError naming the file and the problem. */
export function parseContentFile(kind: ContentKind, fileName: string, source: string): ContentSource {
  const name = parseFileName(fileName);
  if (!name) throw new ContentError(fileName, 'file names are <slug>.<ky|ru|en>.md');
  let parsedFile: { data: unknown; content: string };
  try {
    parsedFile = matter(source);
  } catch (error) {
    throw new ContentError(
      `${kind}/${fileName}`,
      `front matter is not valid YAML (quote values that contain a colon): ${error instanceof Error ? (error.message.split('\n')[0] ?? '') : ''}`,
    );
  }
  const { data, content } = parsedFile;
  const schema = kind === 'campaigns' ? campaignSchema : kind === 'letters' ? letterTemplateSchema : frontMatterSchema;
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw new ContentError(`${kind}/${fileName}`, parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
  }
  const front = parsed.data;
  const bodyHtml = renderMarkdown(content);
  let extra: ContentSource['extra'] = kind === 'letters' ? { paragraphs: letterTemplateSchema.parse(data).paragraphs } : {};
  if (kind === 'campaigns') {
    const campaign = campaignSchema.parse(data);
    extra = {
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
    };
  }
  return {
    kind,
    slug: name.slug,
    lang: name.lang,
    topic: front.topic,
    order: front.order,
    related: front.related,
    title: front.title,
    summary: front.summary,
    legalBasis: front.legal_basis,
    lastReviewed: front.last_reviewed,
    bodyMarkdown: content.trim(),
    bodyHtml,
    bodyText: plainText(bodyHtml),
    extra,
    checksum: createHash('sha256').update(source).digest('hex'),
  };
}

/** The three translations of an item must agree on everything that is not text. */
export function checkConsistency(translations: readonly ContentSource[]): string[] {
  const problems: string[] = [];
  const [first] = translations;
  if (!first) return problems;
  for (const other of translations.slice(1)) {
    for (const field of ['topic', 'order'] as const) {
      if (other[field] !== first[field]) problems.push(`${first.kind}/${first.slug}: ${field} differs between ${first.lang} and ${other.lang}`);
    }
    if (other.related.join() !== first.related.join()) problems.push(`${first.kind}/${first.slug}: related differs between ${first.lang} and ${other.lang}`);
  }
  return problems;
}

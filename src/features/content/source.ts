/**
 * Guidance content as it lives in the repository: `seeds/content/<kind>/<slug>.<lang>.md`, Markdown with YAML
 * front matter. Parsing, validation and rendering are pure: Markdown becomes HTML once, here, and is
 * sanitised with an allow-list — the only HTML any page prints unescaped.
 */
import { createHash } from 'node:crypto';
import matter from 'gray-matter';
import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import type { Language } from '../../config.ts';
import { extraOf, schemaFor, type CampaignExtra } from './front-matter.ts';
import type { HelpExtra } from './help-form.ts';
import type { LetterExtra } from './letter-template.ts';
import type { QuizExtra } from './quiz-form.ts';

export const CONTENT_KINDS = ['rights', 'guides', 'faq', 'campaigns', 'notices', 'letters', 'quiz', 'help'] as const;
export type ContentKind = (typeof CONTENT_KINDS)[number];

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
  extra: CampaignExtra | LetterExtra | QuizExtra | HelpExtra | Record<string, never>;
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
  const parsed = schemaFor(kind).safeParse(data);
  if (!parsed.success) {
    throw new ContentError(`${kind}/${fileName}`, parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
  }
  const front = parsed.data;
  const bodyHtml = renderMarkdown(content);
  const own = extraOf(kind, name.slug, data);
  if ('problem' in own) throw new ContentError(`${kind}/${fileName}`, own.problem);
  const { extra } = own;
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

/** What must be the same in every language of a quiz question: which options there are, which is right, the article. */
function quizShape(source: ContentSource): string {
  const extra = source.extra as Partial<QuizExtra>;
  return JSON.stringify([Object.keys(extra.options ?? {}), extra.correct, extra.article]);
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
    if (first.kind === 'quiz' && quizShape(other) !== quizShape(first)) {
      problems.push(`${first.kind}/${first.slug}: options, correct answer or article differ between ${first.lang} and ${other.lang}`);
    }
  }
  return problems;
}

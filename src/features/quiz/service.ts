/**
 * The knowledge quiz: questions for a language, marking a submission, and the anonymous answer totals that
 * show the Agency which misconceptions are common. Nothing identifies who answered.
 */
import type { Knex } from 'knex';
import type { Language } from '../../config.ts';
import type { FormErrors } from '../../http/validation.ts';
import type { ContentCache, Item } from '../content/cache.ts';
import { toolTranslation } from '../content/service.ts';
import { countQuizAnswers } from './repository.ts';

export interface QuizQuestion {
  id: string;
  number: number;
  /** The language the question is shown in: the page's, or the next along the fallback chain. */
  lang: Language;
  text: string;
  options: { value: string; label: string }[];
  correct: string;
  explanation: string;
  /** More on the answer, sanitised when it was saved; empty when the editors wrote none. */
  moreHtml: string;
  /** The published article that explains the answer (none when it was archived). */
  article: { kind: 'rights' | 'guides'; slug: string } | undefined;
}

export interface QuizCache {
  questions(lang: Language): Promise<QuizQuestion[]>;
}

function articleOf(reference: string | undefined): { kind: 'rights' | 'guides'; slug: string } | undefined {
  const [kind, slug] = (reference ?? '').split('/');
  return (kind === 'rights' || kind === 'guides') && slug ? { kind, slug } : undefined;
}

async function question(content: ContentCache, item: Item, lang: Language, number: number): Promise<QuizQuestion | undefined> {
  const translation = toolTranslation(content, item, lang);
  const { options, correct } = translation?.extra ?? {};
  if (!translation || !options || !correct) return undefined;
  const article = articleOf(translation.extra.article);
  return {
    id: item.slug,
    number,
    lang: translation.lang,
    text: translation.title,
    options: Object.entries(options).map(([value, label]) => ({ value, label })),
    correct,
    explanation: translation.summary,
    moreHtml: translation.bodyHtml,
    article: article && (await content.get(article.kind, article.slug)) ? article : undefined,
  };
}

/**
 * The questions are content the authority edits (kind "quiz"), in their order, each in the page's language or
 * the next along the fallback chain; the content cache reloads them when anything is published.
 */
export function createQuizCache(content: ContentCache): QuizCache {
  return {
    async questions(lang) {
      const items = (await content.list('quiz')).toSorted((a, b) => a.order - b.order);
      const found = await Promise.all(items.map((item) => question(content, item, lang, 0)));
      return found.filter((entry) => entry !== undefined).map((entry, index) => ({ ...entry, number: index + 1 }));
    },
  };
}

export interface MarkedAnswer {
  question: QuizQuestion;
  given: string;
  givenLabel: string;
  correctLabel: string;
  right: boolean;
}

export type QuizOutcome =
  { ok: true; score: number; total: number; answers: MarkedAnswer[] } | { ok: false; errors: FormErrors; values: Record<string, string> };

/** Marks a submission; every question must be answered with one of its options. */
export function markQuiz(questions: readonly QuizQuestion[], body: Record<string, unknown>): QuizOutcome {
  const errors: FormErrors = { list: [], byField: {} };
  const values: Record<string, string> = {};
  const answers: MarkedAnswer[] = [];
  for (const question of questions) {
    const given = body[question.id];
    const option = typeof given === 'string' ? question.options.find((candidate) => candidate.value === given) : undefined;
    if (!option) {
      const error = { field: question.id, key: 'quiz.errors.answer', values: { number: question.number } };
      errors.list.push(error);
      errors.byField[question.id] = error;
      continue;
    }
    values[question.id] = option.value;
    const correct = question.options.find((candidate) => candidate.value === question.correct);
    answers.push({ question, given: option.value, givenLabel: option.label, correctLabel: correct?.label ?? '', right: option.value === question.correct });
  }
  if (errors.list.length > 0) return { ok: false, errors, values };
  return { ok: true, score: answers.filter((answer) => answer.right).length, total: questions.length, answers };
}

/** The answers a form carried, kept to show again (a form sent with a stale token is shown again, not marked). */
export function postedAnswers(questions: readonly QuizQuestion[], body: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const question of questions) {
    const given = body[question.id];
    if (typeof given === 'string') values[question.id] = given;
  }
  return values;
}

export async function recordQuizAnswers(knex: Knex, lang: Language, answers: readonly MarkedAnswer[]): Promise<void> {
  await countQuizAnswers(
    knex,
    lang,
    answers.map((answer) => ({ questionId: answer.question.id, optionId: answer.given })),
  );
}

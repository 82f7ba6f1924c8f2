/**
 * The knowledge quiz: questions for a language, marking a submission, and the anonymous answer totals that
 * show the Agency which misconceptions are common. Nothing identifies who answered.
 */
import type { Knex } from 'knex';
import type { Language } from '../../config.ts';
import type { NotificationListener } from '../../db/notifications.ts';
import type { FormErrors } from '../../http/validation.ts';
import { CONTENT_CHANGED_CHANNEL } from '../content/service.ts';
import { countQuizAnswers, loadQuizQuestions, type QuizQuestionRow } from './repository.ts';

export interface QuizQuestion {
  id: string;
  number: number;
  text: string;
  options: { value: string; label: string }[];
  correct: string;
  explanation: string;
  /** The article that explains the answer. */
  article: { kind: 'rights' | 'guides'; slug: string };
}

function forLanguage(row: QuizQuestionRow, lang: Language, number: number): QuizQuestion {
  return {
    id: row.id,
    number,
    text: row.texts.question[lang],
    options: row.texts.options.map((option) => ({ value: option.id, label: option.text[lang] })),
    correct: row.correct_option,
    explanation: row.texts.explanation[lang],
    article: { kind: row.article_kind, slug: row.article_slug },
  };
}

export interface QuizCache {
  questions(lang: Language): Promise<QuizQuestion[]>;
}

/** Questions in memory, reloaded when content changes (the quiz seed announces it too). */
export function createQuizCache(knex: Knex, listener: NotificationListener): QuizCache {
  let rows: Promise<QuizQuestionRow[]> | undefined;
  listener.on(CONTENT_CHANGED_CHANNEL, () => {
    rows = undefined;
  });
  return {
    async questions(lang) {
      rows ??= loadQuizQuestions(knex).catch((error: unknown) => {
        rows = undefined;
        throw error;
      });
      return (await rows).map((row, index) => forLanguage(row, lang, index + 1));
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

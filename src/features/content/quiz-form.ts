/**
 * A quiz question as content (kind "quiz"): the question is the item's title, the explanation shown after
 * answering its summary, and its own fields are the answer options (a–d, at least two), which one is right, and
 * the rights article or guide that explains it. On the edit page each option is a field of its own.
 */
import { z } from 'zod';

export const QUIZ_OPTION_IDS = ['a', 'b', 'c', 'd'] as const;
type OptionId = (typeof QUIZ_OPTION_IDS)[number];

export interface QuizExtra {
  /** The options in order, by letter. */
  options: Partial<Record<OptionId, string>>;
  correct: OptionId;
  /** `rights/<slug>` or `guides/<slug>`. */
  article: string;
}

const option = z.string().trim().min(1).max(300);

/** The kind's front matter besides the article fields (the seed files and the edit form share it). */
export const quizFrontMatter = z
  .object({
    options: z.object({ a: option, b: option, c: option.optional(), d: option.optional() }),
    correct: z.enum(QUIZ_OPTION_IDS),
    article: z.string().regex(/^(rights|guides)\/[a-z0-9]+(-[a-z0-9]+)*$/),
  })
  .refine(({ options }) => options.d === undefined || options.c !== undefined, { path: ['options', 'c'], message: 'options are a, b, c, d in order' })
  .refine(({ options, correct }) => options[correct] !== undefined, { path: ['correct'], message: 'the correct answer must be one of the options' });

export const QUIZ_FIELDS = [...QUIZ_OPTION_IDS.map((id) => `quiz-option-${id}`), 'quiz-correct', 'quiz-article'] as const;

export function quizFormValues(extra: Partial<QuizExtra>): Record<string, string> {
  return {
    ...Object.fromEntries(QUIZ_OPTION_IDS.map((id) => [`quiz-option-${id}`, extra.options?.[id] ?? ''])),
    'quiz-correct': extra.correct ?? '',
    'quiz-article': extra.article ?? '',
  };
}

const FIELD_OF: Record<string, string> = { options: 'quiz-option', correct: 'quiz-correct', article: 'quiz-article' };

export function parseQuizForm(body: Record<string, unknown>): { ok: true; extra: QuizExtra } | { ok: false; fields: string[] } {
  const text = (name: string): string => {
    const value = body[name];
    return typeof value === 'string' ? value.trim() : '';
  };
  const options: Record<string, string> = {};
  for (const id of QUIZ_OPTION_IDS) if (text(`quiz-option-${id}`) !== '') options[id] = text(`quiz-option-${id}`);
  const parsed = quizFrontMatter.safeParse({ options, correct: text('quiz-correct'), article: text('quiz-article') });
  if (parsed.success) return { ok: true, extra: parsed.data };
  const fields = parsed.error.issues.map(({ path }) => {
    const [first, second] = path.map(String);
    return first === 'options' ? `quiz-option-${second ?? 'a'}` : (FIELD_OF[first ?? ''] ?? 'quiz-correct');
  });
  return { ok: false, fields: [...new Set(fields)] };
}

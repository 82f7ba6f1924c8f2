/** The knowledge quiz as data (seeds/quiz/questions.json): every text in ky, ru and en, one right answer. */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { QuizQuestionRow } from './repository.ts';

const texts = z.object({ ky: z.string().trim().min(1), ru: z.string().trim().min(1), en: z.string().trim().min(1) });

const questionSchema = z
  .object({
    id: z.string().regex(/^q\d{2}$/),
    article: z.string().regex(/^[a-z0-9-]+$/),
    articleKind: z.enum(['rights', 'guides']),
    correct: z.string().regex(/^[a-d]$/),
    question: texts,
    options: z
      .array(z.object({ id: z.string().regex(/^[a-d]$/), text: texts }))
      .min(2)
      .max(4),
    explanation: texts,
  })
  .refine((question) => question.options.some((option) => option.id === question.correct), 'the correct option must be one of the options')
  .refine((question) => new Set(question.options.map((option) => option.id)).size === question.options.length, 'option ids must differ');

export function parseQuiz(json: string): QuizQuestionRow[] {
  const questions = z.array(questionSchema).min(1).parse(JSON.parse(json));
  return questions.map((question, index) => ({
    id: question.id,
    sort_order: index + 1,
    correct_option: question.correct,
    article_kind: question.articleKind,
    article_slug: question.article,
    texts: { question: question.question, options: question.options, explanation: question.explanation },
    source_checksum: createHash('sha256').update(JSON.stringify(question)).digest('hex'),
  }));
}

/** Quiz questions and the anonymous totals of the answers given. */
import type { Knex } from 'knex';
import type { Language } from '../../config.ts';

export interface QuizQuestionRow {
  id: string;
  sort_order: number;
  correct_option: string;
  article_kind: 'rights' | 'guides';
  article_slug: string;
  texts: { question: Record<Language, string>; options: { id: string; text: Record<Language, string> }[]; explanation: Record<Language, string> };
  source_checksum: string;
}

export async function upsertQuizQuestion(trx: Knex.Transaction, row: QuizQuestionRow): Promise<boolean> {
  const existing = await trx('quiz_questions').where({ id: row.id }).first<{ source_checksum: string } | undefined>('source_checksum');
  if (existing?.source_checksum === row.source_checksum) return false;
  await trx('quiz_questions')
    .insert({ ...row, texts: JSON.stringify(row.texts) })
    .onConflict('id')
    .merge();
  return true;
}

export async function loadQuizQuestions(knex: Knex): Promise<QuizQuestionRow[]> {
  return knex('quiz_questions').orderBy('sort_order').select<QuizQuestionRow[]>('*');
}

/** Adds one submission's answers to the anonymous totals. */
export async function countQuizAnswers(knex: Knex, lang: Language, answers: { questionId: string; optionId: string }[]): Promise<void> {
  if (answers.length === 0) return;
  await knex('quiz_answer_counts')
    .insert(answers.map((answer) => ({ question_id: answer.questionId, option_id: answer.optionId, lang, answers: 1 })))
    .onConflict(['question_id', 'option_id', 'lang'])
    .merge({ answers: knex.raw('quiz_answer_counts.answers + 1') });
}

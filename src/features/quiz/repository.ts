/** The anonymous totals of the answers given to the quiz. */
import type { Knex } from 'knex';
import type { Language } from '../../config.ts';

/** Adds one submission's answers to the anonymous totals. */
export async function countQuizAnswers(knex: Knex, lang: Language, answers: { questionId: string; optionId: string }[]): Promise<void> {
  if (answers.length === 0) return;
  await knex('quiz_answer_counts')
    .insert(answers.map((answer) => ({ question_id: answer.questionId, option_id: answer.optionId, lang, answers: 1 })))
    .onConflict(['question_id', 'option_id', 'lang'])
    .merge({ answers: knex.raw('quiz_answer_counts.answers + 1') });
}

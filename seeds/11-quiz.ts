/** Reference data: the knowledge quiz questions (seeds/quiz/questions.json), loaded idempotently. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Knex } from 'knex';
import type { SeedContext } from '../src/db/migrations.ts';
import { notifyContentChanged } from '../src/features/content/repository.ts';
import { upsertQuizQuestion } from '../src/features/quiz/repository.ts';
import { parseQuiz } from '../src/features/quiz/source.ts';

export const kind = 'reference';

export async function seed(knex: Knex, { log }: SeedContext): Promise<void> {
  const questions = parseQuiz(await readFile(path.join(import.meta.dirname, 'quiz', 'questions.json'), 'utf8'));
  const changed = await knex.transaction(async (trx) => {
    let count = 0;
    for (const question of questions) if (await upsertQuizQuestion(trx, question)) count++;
    if (count > 0) await notifyContentChanged(trx);
    return count;
  });
  log(`quiz: ${questions.length} questions, ${changed} changed`);
}

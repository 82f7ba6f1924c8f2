/**
 * POST /{lang}/quiz: marks the answers and adds them to the anonymous totals. A question left out shows the
 * form again (400); a form sent with a stale token is shown again with its answers and nothing counted (403).
 */
import type { Request, Response } from 'express';
import type { Knex } from 'knex';
import { presentQuizForm } from '../presenters/form.ts';
import { presentQuizResult } from '../presenters/result.ts';
import { markQuiz, postedAnswers, recordQuizAnswers, type QuizCache } from '../service.ts';

export function quizAnswersPost({ knex, quiz }: { knex: Knex; quiz: QuizCache }) {
  return async (req: Request, res: Response): Promise<void> => {
    const { lang, t } = res.locals;
    const body = req.body as Record<string, unknown>;
    const questions = await quiz.questions(lang);
    if (req.staleForm) {
      res.status(403).render('quiz/form', presentQuizForm({ questions, values: postedAnswers(questions, body), stale: true }, lang, t));
      return;
    }
    const outcome = markQuiz(questions, body);
    if (!outcome.ok) {
      res.status(400).render('quiz/form', presentQuizForm({ questions, values: outcome.values, errors: outcome.errors }, lang, t));
      return;
    }
    await recordQuizAnswers(knex, lang, outcome.answers);
    res.render('quiz/result', presentQuizResult(outcome, lang, t));
  };
}

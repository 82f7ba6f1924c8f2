/** GET /{lang}/quiz: the questions as a plain form (works without JavaScript or cookies). */
import type { Request, Response } from 'express';
import { presentQuizForm } from '../presenters/form.ts';
import type { QuizCache } from '../service.ts';

export function quizPage({ quiz }: { quiz: QuizCache }) {
  return async (_req: Request, res: Response): Promise<void> => {
    const { lang, t } = res.locals;
    const questions = await quiz.questions(lang);
    res.render('quiz/form', presentQuizForm({ questions, values: {} }, lang, t));
  };
}

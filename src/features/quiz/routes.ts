/** /{lang}/quiz: a plain form (works without JavaScript or cookies) and the marked result. */
import { Router, type Request, type Response } from 'express';
import type { Knex } from 'knex';
import type { FormTokens } from '../../http/form-token.ts';
import { markQuiz, recordQuizAnswers, type QuizCache } from './service.ts';

export function quizRoutes({ knex, quiz, formTokens }: { knex: Knex; quiz: QuizCache; formTokens: FormTokens }): Router {
  const router = Router({ mergeParams: true });
  const breadcrumbs = (res: Response) => [{ text: res.locals.t('common.home'), href: `/${res.locals.lang}/` }, { text: res.locals.t('quiz.title') }];

  router.get('/quiz', formTokens.issue('quiz'), async (_req: Request, res: Response) => {
    res.render('quiz/form', { title: res.locals.t('quiz.title'), questions: await quiz.questions(res.locals.lang), values: {}, breadcrumbs: breadcrumbs(res) });
  });

  router.post('/quiz', formTokens.verifyOrShowAgain('quiz'), formTokens.issue('quiz'), async (req: Request, res: Response) => {
    const { lang, t } = res.locals;
    const questions = await quiz.questions(lang);
    const outcome = markQuiz(questions, req.body as Record<string, unknown>);
    if (req.staleForm) {
      // Nothing counted from a stale form: the answers are shown again to send with a new token.
      const body = req.body as Record<string, unknown>;
      const values: Record<string, string> = {};
      for (const question of questions) if (typeof body[question.id] === 'string') values[question.id] = body[question.id] as string;
      res.status(403).render('quiz/form', { title: t('quiz.title'), questions, values, stale: true, breadcrumbs: breadcrumbs(res) });
      return;
    }
    if (!outcome.ok) {
      res.status(400).render('quiz/form', { title: t('quiz.title'), questions, values: outcome.values, errors: outcome.errors, breadcrumbs: breadcrumbs(res) });
      return;
    }
    await recordQuizAnswers(knex, lang, outcome.answers);
    res.render('quiz/result', { title: t('quiz.resultTitle'), ...outcome, breadcrumbs: breadcrumbs(res) });
  });
  return router;
}

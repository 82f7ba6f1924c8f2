/** /{lang}/quiz: a plain form (works without JavaScript or cookies) and the marked result. */
import { Router, type RequestHandler } from 'express';
import type { Knex } from 'knex';
import type { FormTokens } from '../../http/form-token.ts';
import { routePath } from '../../http/paths.ts';
import { quizAnswersPost } from './pages/answers.ts';
import { quizPage } from './pages/quiz.ts';
import type { QuizCache } from './service.ts';

export function quizRoutes(deps: { knex: Knex; quiz: QuizCache; formTokens: FormTokens; pageViews: RequestHandler }): Router {
  const router = Router({ mergeParams: true });
  router.get(routePath('quiz'), deps.pageViews, deps.formTokens.issue('quiz'), quizPage(deps));
  router.post(routePath('quiz'), deps.formTokens.verifyOrShowAgain('quiz'), deps.formTokens.issue('quiz'), quizAnswersPost(deps));
  return router;
}

/** /{lang}/help and /{lang}/help/<step>: the "What can I do?" guide, one page per step, links only. */
import { Router, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { findNode, START } from './tree.ts';
import { keepRenderedPage } from '../../http/page-cache.ts';

const stepParams = z.object({ step: z.string().regex(/^[a-z]+(-[a-z]+)*$/).max(40) });

export function helpRoutes(): Router {
  const router = Router({ mergeParams: true });
  const show = (step: string, res: Response, next: NextFunction): void => {
    const found = findNode(step);
    if (!found) {
      next();
      return;
    }
    const { lang, t } = res.locals;
    const atStart = step === START;
    res.set('Cache-Control', 'public, max-age=300');
    keepRenderedPage(res);
    res.render('help/step', {
      title: found.kind === 'question' ? t(`help.questions.${step}.title`) : t(`help.outcomes.${step}.title`),
      step,
      atStart,
      question: found.kind === 'question' ? { options: found.node.options.map((option) => ({ ...option, href: `/${lang}/help/${option.next === START ? '' : option.next}`.replace(/\/$/, '') })) } : undefined,
      outcome: found.kind === 'outcome' ? { actions: found.node.actions.map((action) => ({ ...action, href: `/${lang}${action.href}` })) } : undefined,
      breadcrumbs: [{ text: t('common.home'), href: `/${lang}/` }, ...(atStart ? [{ text: t('help.title') }] : [{ text: t('help.title'), href: `/${lang}/help` }])],
    });
  };
  router.get('/help', (_req: Request, res: Response, next: NextFunction) => show(START, res, next));
  router.get('/help/:step', (req: Request, res: Response, next: NextFunction) => {
    const params = stepParams.safeParse(req.params);
    if (!params.success || params.data.step === START) {
      next();
      return;
    }
    show(params.data.step, res, next);
  });
  return router;
}

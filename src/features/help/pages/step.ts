/**
 * /{lang}/help and /{lang}/help/<step>: the "What can I do?" guide, one page per step, links only. The same
 * for every reader: kept rendered. An unknown step (or /help/start, which is /help) is the 404 page.
 */
import type { NextFunction, Request, Response } from 'express';
import { keepRenderedPage } from '../../../http/page-cache.ts';
import { presentHelpStep } from '../presenters/step.ts';
import { stepParams } from '../schemas.ts';
import { findNode, START } from '../tree.ts';

function show(step: string, res: Response, next: NextFunction): void {
  const node = findNode(step);
  if (!node) {
    next();
    return;
  }
  res.set('Cache-Control', 'public, max-age=300');
  keepRenderedPage(res);
  res.render('help/step', presentHelpStep(node, res.locals.lang, res.locals.t));
}

export function helpStartPage(_req: Request, res: Response, next: NextFunction): void {
  show(START, res, next);
}

export function helpStepPage(req: Request, res: Response, next: NextFunction): void {
  const params = stepParams.safeParse(req.params);
  if (!params.success || params.data.step === START) {
    next();
    return;
  }
  show(params.data.step, res, next);
}

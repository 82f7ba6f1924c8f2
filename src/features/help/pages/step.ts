/**
 * /{lang}/help and /{lang}/help/<step>: the "What can I do?" guide, one page per step, links only. The same
 * for every reader: kept rendered. An unknown step (or /help/start, which is /help), or a step whose words are
 * not published, is the 404 page.
 */
import type { NextFunction, Request, Response } from 'express';
import type { Language } from '../../../config.ts';
import { keepRenderedPage } from '../../../http/page-cache.ts';
import type { ContentCache } from '../../content/cache.ts';
import { toolTranslation } from '../../content/service.ts';
import { presentHelpStep, type StepTexts } from '../presenters/step.ts';
import { stepParams } from '../schemas.ts';
import { findNode, START } from '../tree.ts';

interface Deps {
  content: ContentCache;
}

async function stepTexts(content: ContentCache, step: string, lang: Language): Promise<StepTexts | undefined> {
  const item = await content.get('help', step);
  const translation = item && toolTranslation(content, item, lang);
  return (
    translation && {
      lang: translation.lang,
      title: translation.title,
      summary: translation.summary,
      bodyHtml: translation.bodyHtml,
      answers: translation.extra.answers ?? {},
      nextSteps: translation.extra.nextSteps ?? {},
    }
  );
}

async function show(content: ContentCache, step: string, res: Response, next: NextFunction): Promise<void> {
  const node = findNode(step);
  const texts = node && (await stepTexts(content, step, res.locals.lang));
  if (!node || !texts) {
    next();
    return;
  }
  res.set('Cache-Control', 'public, max-age=300');
  keepRenderedPage(res);
  res.render('help/step', presentHelpStep(node, texts, res.locals.lang, res.locals.t));
}

export function helpStartPage({ content }: Deps) {
  return (_req: Request, res: Response, next: NextFunction): Promise<void> => show(content, START, res, next);
}

export function helpStepPage({ content }: Deps) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const params = stepParams.safeParse(req.params);
    if (!params.success || params.data.step === START) {
      next();
      return;
    }
    await show(content, params.data.step, res, next);
  };
}

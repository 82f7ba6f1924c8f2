import type { NextFunction, Request, Response } from 'express';
import { keepRenderedPage } from '../../../http/page-cache.ts';
import type { ContentCache } from '../../content/cache.ts';
import { findArticle } from '../../content/service.ts';
import { presentContentNotice } from '../presenters/content-notice.ts';

/** The accessibility statement: its text is content the authority edits; how to reach us is configuration. */
export function accessibilityPage({ cache }: { cache: ContentCache }) {
  return async (_req: Request, res: Response, next: NextFunction): Promise<void> => {
    const resolved = await findArticle(cache, 'notices', 'accessibility', res.locals.lang);
    if (!resolved) return next();
    res.set('Cache-Control', 'no-cache');
    keepRenderedPage(res);
    res.render('pages/accessibility', presentContentNotice(resolved, res.locals.lang, res.locals.t));
  };
}

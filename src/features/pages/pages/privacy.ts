import type { NextFunction, Request, Response } from 'express';
import { keepRenderedPage } from '../../../http/page-cache.ts';
import type { ContentCache } from '../../content/cache.ts';
import { findArticle } from '../../content/service.ts';
import { presentContentNotice } from '../presenters/content-notice.ts';
import { presentRetentionPeriods } from '../presenters/retention.ts';
import type { RetentionConfig } from '../../../config.ts';

/** The privacy notice: its text is content the authority edits; the retention periods and the contact details are configuration. */
export function privacyPage({ cache, retention }: { cache: ContentCache; retention: RetentionConfig }) {
  return async (_req: Request, res: Response, next: NextFunction): Promise<void> => {
    const resolved = await findArticle(cache, 'notices', 'privacy', res.locals.lang);
    if (!resolved) return next();
    res.set('Cache-Control', 'no-cache');
    keepRenderedPage(res);
    res.render('pages/privacy', {
      ...presentContentNotice(resolved, res.locals.lang, res.locals.t),
      retention: presentRetentionPeriods(retention, res.locals.t),
    });
  };
}

/** /{lang}/rights: every rights article and guide, grouped by topic. The same for every reader: kept rendered. */
import type { Request, Response } from 'express';
import { keepRenderedPage } from '../../../http/page-cache.ts';
import type { ContentCache } from '../cache.ts';
import { presentRightsIndex } from '../presenters/rights-index.ts';
import { indexGroups } from '../service.ts';

export function rightsIndexPage({ cache }: { cache: ContentCache }) {
  return async (_req: Request, res: Response): Promise<void> => {
    const { lang, t } = res.locals;
    const groups = await indexGroups(cache, lang);
    // Public content changes rarely and carries no personal data: browsers may keep it, revalidating.
    res.set('Cache-Control', 'public, max-age=300');
    keepRenderedPage(res);
    res.render('content/index', presentRightsIndex(groups, lang, t));
  };
}

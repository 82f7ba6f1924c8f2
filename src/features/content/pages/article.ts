/** /{lang}/rights/<slug> and /{lang}/guides/<slug>: one article; an unknown slug is the 404 page. */
import type { NextFunction, Request, Response } from 'express';
import { keepRenderedPage } from '../../../http/page-cache.ts';
import type { ContentCache } from '../cache.ts';
import { presentArticle } from '../presenters/article.ts';
import { slugParams } from '../schemas.ts';
import { findArticle, relatedLinks } from '../service.ts';

export function articlePage({ cache }: { cache: ContentCache }, kind: 'rights' | 'guides') {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const { lang, t } = res.locals;
    const params = slugParams.safeParse(req.params);
    const resolved = params.success ? await findArticle(cache, kind, params.data.slug, lang) : undefined;
    if (!resolved) {
      next();
      return;
    }
    const related = await relatedLinks(cache, resolved.item, lang);
    res.set('Cache-Control', 'public, max-age=300');
    keepRenderedPage(res);
    res.render('content/article', presentArticle(resolved, related, lang, t));
  };
}

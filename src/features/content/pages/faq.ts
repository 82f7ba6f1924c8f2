/** /{lang}/faq: questions and answers grouped by topic. The same for every reader: kept rendered. */
import type { Request, Response } from 'express';
import { keepRenderedPage } from '../../../http/page-cache.ts';
import type { ContentCache } from '../cache.ts';
import { presentFaq } from '../presenters/faq.ts';
import { faqGroups } from '../service.ts';

export function faqPage({ cache }: { cache: ContentCache }) {
  return async (_req: Request, res: Response): Promise<void> => {
    const { lang, t } = res.locals;
    const groups = await faqGroups(cache, lang);
    res.set('Cache-Control', 'public, max-age=300');
    keepRenderedPage(res);
    res.render('content/faq', presentFaq(groups, lang, t));
  };
}

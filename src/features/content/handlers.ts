/** Guidance pages: index, articles, FAQ and search. Reading only: no session, cached content. */
import type { NextFunction, Request, Response } from 'express';
import type { Knex } from 'knex';
import { LANGUAGE_NAMES } from '../../http/language.ts';
import type { ContentCache } from './cache.ts';
import { MAX_QUERY_LENGTH, searchQuery, slugParams } from './schemas.ts';
import { findArticle, groupedItems, relatedLinks, search, toLink } from './service.ts';
import { keepRenderedPage } from '../../http/page-cache.ts';

const RIGHTS_TOPICS = ['law', 'international', 'complaints'] as const;
const GUIDE_TOPICS = ['life', 'organisations'] as const;
const FAQ_TOPICS = ['general', 'rights', 'complaints', 'organisations'] as const;

/** Public content changes rarely and carries no personal data: browsers may keep it, revalidating. */
function cacheable(res: Response): void {
  res.set('Cache-Control', 'public, max-age=300');
}

export function contentHandlers({ cache, knex }: { cache: ContentCache; knex: Knex }) {
  return {
    index: async (_req: Request, res: Response): Promise<void> => {
      const { lang, t } = res.locals;
      const [rights, guides] = await Promise.all([groupedItems(cache, 'rights', lang, RIGHTS_TOPICS), groupedItems(cache, 'guides', lang, GUIDE_TOPICS)]);
      cacheable(res);
      keepRenderedPage(res);
      res.render('content/index', {
        title: t('content.index.title'),
        groups: [...rights, ...guides].map((group) => ({ topic: group.topic, items: group.items.map((resolved) => toLink(lang, resolved)) })),
        breadcrumbs: [{ text: t('common.home'), href: `/${lang}/` }, { text: t('content.index.title') }],
      });
    },

    article: (kind: 'rights' | 'guides') => {
      return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
        const params = slugParams.safeParse(req.params);
        const resolved = params.success ? await findArticle(cache, kind, params.data.slug, res.locals.lang) : undefined;
        if (!resolved) {
          next();
          return;
        }
        const { lang, t } = res.locals;
        const { item, translation, fallback } = resolved;
        cacheable(res);
        keepRenderedPage(res);
        res.render('content/article', {
          title: translation.title,
          article: translation,
          contentLang: translation.lang,
          fallbackNotice: fallback ? t('content.fallback', { wanted: LANGUAGE_NAMES[lang], shown: LANGUAGE_NAMES[translation.lang] }) : undefined,
          international: item.topic === 'international',
          related: await relatedLinks(cache, item, lang),
          breadcrumbs: [{ text: t('common.home'), href: `/${lang}/` }, { text: t('content.index.title'), href: `/${lang}/rights` }, { text: translation.title }],
        });
      };
    },

    faq: async (_req: Request, res: Response): Promise<void> => {
      const { lang, t } = res.locals;
      const groups = await groupedItems(cache, 'faq', lang, FAQ_TOPICS);
      cacheable(res);
      keepRenderedPage(res);
      res.render('content/faq', {
        title: t('content.faq.title'),
        groups: groups.map((group) => ({
          topic: group.topic,
          questions: group.items.map(({ item, translation, fallback }) => ({ id: item.slug, title: translation.title, bodyHtml: translation.bodyHtml, lang: translation.lang, fallback })),
        })),
        breadcrumbs: [{ text: t('common.home'), href: `/${lang}/` }, { text: t('content.faq.title') }],
      });
    },

    search: async (req: Request, res: Response): Promise<void> => {
      const { lang, t } = res.locals;
      const { q } = searchQuery.parse(req.query);
      const outcome = await search(knex, lang, q, MAX_QUERY_LENGTH);
      res.status(outcome.kind === 'results' || outcome.kind === 'empty' ? 200 : 400).render('content/search', {
        title: q ? t('search.titleWithQuery', { query: q.slice(0, 60) }) : t('search.title'),
        query: q.slice(0, MAX_QUERY_LENGTH),
        outcome,
        isResults: outcome.kind === 'results',
        breadcrumbs: [{ text: t('common.home'), href: `/${lang}/` }, { text: t('search.title') }],
      });
    },
  };
}

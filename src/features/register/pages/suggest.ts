/**
 * /{lang}/register/suggest?q=: the organisation picker's suggestions as JSON (registered entries only: number,
 * name in the page language, ИНН — nothing personal). The query is not logged beyond the usual request line.
 * The same for every reader of its URL: the register's page cache keeps the answer under path and query until
 * the register changes, so a prefix many readers type is answered at the front door (http/front-door.ts).
 */
import type { Request, Response } from 'express';
import type { Knex } from 'knex';
import { keepRenderedPage } from '../../../http/page-cache.ts';
import { pathTo } from '../../../http/paths.ts';
import type { SuggestionCache } from '../caches.ts';
import { suggestOrganisationsFor } from '../service.ts';

/** The longest URL the picker's script asks for: 100 characters looked at, each escaped (up to 9 bytes), and the path. */
const MAX_KEPT_URL = 100 * 9 + 40;

export function suggestPage(deps: { knex: Knex; cache: SuggestionCache }) {
  return async (req: Request, res: Response): Promise<void> => {
    const { lang } = res.locals;
    const found = await suggestOrganisationsFor(deps, req.query, lang);
    res.set('Cache-Control', 'public, max-age=60');
    if (req.originalUrl.length <= MAX_KEPT_URL) keepRenderedPage(res);
    res.json({
      suggestions: found.map((entry) => ({ ...entry, href: pathTo('register.entry', { lang, number: entry.registrationNumber }) })),
    });
  };
}

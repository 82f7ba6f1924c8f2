/**
 * /{lang}/register/suggest?q=: the organisation picker's suggestions as JSON (registered entries only: number,
 * name in the page language, ИНН — nothing personal). The query is not logged beyond the usual request line.
 */
import type { Request, Response } from 'express';
import type { Knex } from 'knex';
import { pathTo } from '../../../http/paths.ts';
import type { SuggestionCache } from '../caches.ts';
import { suggestOrganisationsFor } from '../service.ts';

export function suggestPage(deps: { knex: Knex; cache: SuggestionCache }) {
  return async (req: Request, res: Response): Promise<void> => {
    const { lang } = res.locals;
    const found = await suggestOrganisationsFor(deps, req.query, lang);
    res.set('Cache-Control', 'public, max-age=60');
    res.json({
      suggestions: found.map((entry) => ({ ...entry, href: pathTo('register.entry', { lang, number: entry.registrationNumber }) })),
    });
  };
}

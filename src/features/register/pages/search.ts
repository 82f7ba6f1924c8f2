/**
 * /{lang}/register: the public register, searched by name in any script or by ИНН, filtered by sector and region.
 * Nothing personal and no form token, but not kept by the page cache: it keys pages by path alone, and staff
 * change the register without a content change.
 */
import type { Request, Response } from 'express';
import type { Knex } from 'knex';
import { presentRegisterSearch } from '../presenters/search.ts';
import { registerQuery } from '../schemas.ts';
import { searchRegister } from '../service.ts';

export function registerSearchPage({ knex }: { knex: Knex }) {
  return async (req: Request, res: Response): Promise<void> => {
    const { lang, t } = res.locals;
    const query = registerQuery.parse(req.query);
    const outcome = await searchRegister(knex, query, lang);
    res.set('Cache-Control', 'public, max-age=60');
    res.status(outcome.kind === 'tooLong' ? 400 : 200).render('register/search', presentRegisterSearch(t, lang, query, outcome));
  };
}

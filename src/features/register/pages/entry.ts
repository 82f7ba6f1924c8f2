/** /{lang}/register/<number>: one organisation's entry, at a URL that never changes; an unknown number is the 404. */
import type { NextFunction, Request, Response } from 'express';
import type { Knex } from 'knex';
import { keepRenderedPage } from '../../../http/page-cache.ts';
import { presentEntry } from '../presenters/entry.ts';
import { entryParams } from '../schemas.ts';
import { entryByNumber } from '../service.ts';

export function entryPage({ knex }: { knex: Knex }) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const params = entryParams.safeParse(req.params);
    const entry = params.success ? await entryByNumber(knex, params.data.number) : undefined;
    if (!entry) {
      next();
      return;
    }
    const { lang, t } = res.locals;
    res.set('Cache-Control', 'public, max-age=60');
    // The same for every reader until the register changes (caches.ts).
    keepRenderedPage(res);
    res.render('register/entry', presentEntry(t, lang, entry));
  };
}

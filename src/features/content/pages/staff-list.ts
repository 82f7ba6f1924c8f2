/** /staff/content: what editors look after, with the state of every translation. */
import type { Request, Response } from 'express';
import type { Knex } from 'knex';
import { listForEditors } from '../editing.ts';
import { presentList } from '../presenters/staff-list.ts';

export function staffListPage({ knex }: { knex: Knex }) {
  return async (_req: Request, res: Response): Promise<void> => {
    res.render('staff/content/index', { layout: 'staff', title: res.locals.t('editorial.list.title'), ...presentList(await listForEditors(knex)) });
  };
}

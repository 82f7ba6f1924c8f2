/**
 * /staff/register: search the register, an entry with its history, its edit form, and marking it ceased.
 * Reading takes `register.view`, changing `register.edit` (routes.ts); every change is kept in the entry's
 * history and on the audit chain.
 */
import type { NextFunction, Request, Response } from 'express';
import createHttpError from 'http-errors';
import type { Knex } from 'knex';
import { requestId } from '../../../http/logging.ts';
import { pathTo } from '../../../http/paths.ts';
import { validate, type FormErrors } from '../../../http/validation.ts';
import { currentStaff } from '../../staff/auth.ts';
import { can } from '../../staff/permissions.ts';
import { entryValues, presentEntryForm } from '../presenters/staff-edit.ts';
import { presentStaffEntry } from '../presenters/staff-entry.ts';
import { presentStaffSearch } from '../presenters/staff-index.ts';
import { registerQuery } from '../schemas.ts';
import { searchRegister } from '../service.ts';
import { arrayCount, ceaseDate, ceaseForm, entryForm, idParams, mergeForm } from '../staff-schemas.ts';
import { changeEntry, entryById, entryWithHistory, mergeDuplicate, setCeased, type MergeOutcome } from '../staff.ts';
import type { OrganisationEntry } from '../types.ts';

interface Deps {
  knex: Knex;
}

function actorOf(req: Request, res: Response) {
  return { staffId: String(currentStaff(res).id), requestId: requestId(req) };
}

/** The entry the URL names, or the 404 page. */
async function entryOf(knex: Knex, req: Request): Promise<OrganisationEntry | undefined> {
  const params = idParams.safeParse(req.params);
  return params.success ? entryById(knex, params.data.id) : undefined;
}

export function staffRegisterPage({ knex }: Deps) {
  return async (req: Request, res: Response): Promise<void> => {
    const { lang, t } = res.locals;
    const query = registerQuery.parse(req.query);
    const outcome = await searchRegister(knex, query, lang);
    res.status(outcome.kind === 'tooLong' ? 400 : 200).render('staff/register/index', presentStaffSearch(t, lang, query, outcome));
  };
}

export function staffEntryPage({ knex }: Deps) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const params = idParams.safeParse(req.params);
    const found = params.success ? await entryWithHistory(knex, params.data.id) : undefined;
    if (!found) {
      next();
      return;
    }
    const { lang, t } = res.locals;
    const view = presentStaffEntry(t, lang, found, can(currentStaff(res).role, 'register.edit'));
    res.render('staff/register/show', {
      ...view,
      errors: res.locals.entryFormErrors as FormErrors | undefined,
      values: (res.locals.entryFormValues as Record<string, unknown> | undefined) ?? {},
      saved: req.query.saved === '1',
    });
  };
}

export function staffEditPage({ knex }: Deps) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const entry = await entryOf(knex, req);
    if (!entry) {
      next();
      return;
    }
    res.render('staff/register/edit', presentEntryForm(res.locals.t, entry, entryValues(entry), entry.arrays.length + 1));
  };
}

export function staffEditPost({ knex }: Deps) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const entry = await entryOf(knex, req);
    if (!entry) {
      next();
      return;
    }
    const body = req.body as Record<string, unknown>;
    const count = arrayCount(body);
    // A form that lacks some of the entry's arrays would drop them: removing one takes its own box.
    if (count < entry.arrays.length) throw createHttpError(400);
    const result = validate(entryForm(count), body);
    const saved = result.ok ? await changeEntry(knex, entry.id, result.data, actorOf(req, res)) : undefined;
    if (saved === 'saved') {
      res.redirect(303, `${pathTo('staff.register.show', { id: entry.id })}?saved=1`);
      return;
    }
    const errors: FormErrors = !result.ok
      ? result.errors
      : {
          list: [{ field: 'inn', key: 'staffRegister.errors.innTaken', values: {} }],
          byField: { inn: { field: 'inn', key: 'staffRegister.errors.innTaken', values: {} } },
        };
    res.status(400).render('staff/register/edit', presentEntryForm(res.locals.t, entry, body, count, errors));
  };
}

export function staffCeasePost({ knex }: Deps) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const entry = await entryOf(knex, req);
    if (!entry) {
      next();
      return;
    }
    const form = validate(ceaseForm, req.body);
    const date = form.ok && form.data.action === 'cease' ? validate(ceaseDate, req.body) : undefined;
    if (!form.ok || (date && !date.ok)) {
      res.status(400);
      res.locals.entryFormErrors = !form.ok ? form.errors : date && !date.ok ? date.errors : undefined;
      res.locals.entryFormValues = req.body as Record<string, unknown>;
      await staffEntryPage({ knex })(req, res, next);
      return;
    }
    await setCeased(knex, entry.id, date?.ok ? date.data.ceasedOn : null, actorOf(req, res));
    res.redirect(303, `${pathTo('staff.register.show', { id: entry.id })}?saved=1`);
  };
}

const MERGE_REFUSALS: Record<Exclude<MergeOutcome, 'merged'>, string> = {
  notFound: 'staffRegister.errors.duplicateNotFound',
  same: 'staffRegister.errors.duplicateSame',
  ceased: 'staffRegister.errors.duplicateCeased',
};

export function staffMergePost({ knex }: Deps) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const entry = await entryOf(knex, req);
    if (!entry) {
      next();
      return;
    }
    const form = validate(mergeForm, req.body);
    const outcome = form.ok ? await mergeDuplicate(knex, entry.id, form.data.duplicate, actorOf(req, res)) : undefined;
    if (outcome === 'merged') {
      res.redirect(303, `${pathTo('staff.register.show', { id: entry.id })}?saved=1`);
      return;
    }
    const key = outcome ? MERGE_REFUSALS[outcome] : undefined;
    res.status(400);
    res.locals.entryFormErrors = !form.ok
      ? form.errors
      : { list: [{ field: 'duplicate', key, values: {} }], byField: { duplicate: { field: 'duplicate', key, values: {} } } };
    res.locals.entryFormValues = req.body as Record<string, unknown>;
    await staffEntryPage({ knex })(req, res, next);
  };
}

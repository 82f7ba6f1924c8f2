/**
 * /{lang}/letters/new: the request-letter form, and the letter built from it. Works without a session or
 * cookie (stateless form token); the letter is rendered from the submitted form and never stored.
 */
import type { Request, Response } from 'express';
import type { Knex } from 'knex';
import createHttpError from 'http-errors';
import type { ContentCache } from '../../content/cache.ts';
import { bishkekToday } from '../../../lib/dates.ts';
import { collectDateParts, toDateParts } from '../../../http/date-fields.ts';
import { validate } from '../../../http/validation.ts';
import { presentLetterForm } from '../presenters/form.ts';
import { presentLetterPage } from '../presenters/letter.ts';
import { organisationFromQuery } from '../../register/service.ts';
import { letterForm, letterQuery } from '../schemas.ts';
import { buildLetter, letterTemplate } from '../service.ts';
import { letterOrganisation } from '../organisation.ts';
import { presentLetterPick } from '../presenters/organisation-pick.ts';

/** The empty form; `?type=` ticks a kind of request, `?organisation=` (a register entry) fills in the organisation. */
export function letterFormPage({ knex }: { knex: Knex }) {
  return async (req: Request, res: Response): Promise<void> => {
    const { lang, t } = res.locals;
    const { type } = letterQuery.parse(req.query);
    const organisation = await organisationFromQuery(knex, req.query, lang);
    const values = { requestType: type, letterLanguage: lang, sendingDate: toDateParts(bishkekToday()) };
    const fromRegister = organisation
      ? { organisationName: organisation.name, organisationAddress: organisation.address, organisationNumber: organisation.registrationNumber }
      : {};
    res.render('letters/form', presentLetterForm(t, lang, { ...values, ...fromRegister }));
  };
}

export function writeLetter({ content, knex, replyDays }: { content: ContentCache; knex: Knex; replyDays: number }) {
  return async (req: Request, res: Response): Promise<void> => {
    const { lang, t } = res.locals;
    const body = collectDateParts(req.body as Record<string, unknown>, ['sendingDate']);
    if (req.staleForm) {
      res.status(403).render('letters/form', presentLetterForm(t, lang, body, undefined, true));
      return;
    }
    const result = validate(letterForm, body);
    if (!result.ok) {
      res.status(400).render('letters/form', presentLetterForm(t, lang, body, result.errors));
      return;
    }
    // Which organisation: a register entry (picked as typed, or on the results step), or the name as typed.
    const organisation = await letterOrganisation(knex, result.data, body, lang);
    if (organisation.kind === 'ask') {
      res
        .status(organisation.missingChoice ? 400 : 200)
        .render('letters/organisation-pick', presentLetterPick(t, lang, result.data, organisation.candidates, organisation.missingChoice));
      return;
    }
    const { form, organisationNumber } = organisation;
    // The template is content the authority edits; a database without it (never seeded) cannot write letters.
    const template = await letterTemplate(content, form.letterLanguage);
    if (!template) throw createHttpError(503);
    res.render('letters/letter', presentLetterPage(t, lang, form, buildLetter(form, template, replyDays), organisationNumber));
  };
}

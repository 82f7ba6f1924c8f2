/**
 * A holder's request to remove their entry from the register, from their signed-in registration case: whether
 * they may ask (their case registered the entry, the entry is still registered, no request is already being
 * reviewed), and sending it as a new `registration` case with its own reference and access code.
 */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Language } from '../../config.ts';
import { collectDateParts } from '../../http/date-fields.ts';
import { validate, type FormErrors } from '../../http/validation.ts';
import { caseParties, findCaseById, openDeregistration } from '../cases/service.ts';
import { submitCase, type SubmissionDeps } from '../cases/submission.ts';
import { entryById, organisationName } from '../register/service.ts';
import type { OrganisationEntry } from '../register/types.ts';
import { DEREGISTRATION_DATE_FIELDS, DEREGISTRATION_STEP, deregistrationCase, deregistrationSchema } from './deregistration-form.ts';

/** The unique index that allows one open request per entry (migration 20261208200200). */
const ONE_OPEN_REQUEST = 'cases_one_open_deregistration';

export interface Deregistration {
  caseId: number;
  entry: OrganisationEntry;
  /** The reference of a request for this entry still being reviewed: no second one is taken. */
  pending?: string;
}

/** What the signed-in case may ask: nothing unless its own registration put a still-registered entry in the register. */
export async function deregistrationFor(knex: Knex, caseId: number): Promise<Deregistration | undefined> {
  const found = await findCaseById(knex, caseId);
  if (!found || found.type !== 'registration' || found.status !== 'registered' || !found.organisation_id) return undefined;
  const entry = await entryById(knex, found.organisation_id);
  if (!entry || entry.status !== 'registered') return undefined;
  const pending = await openDeregistration(knex, entry.id);
  return { caseId, entry, ...(pending ? { pending: pending.reference } : {}) };
}

export type DeregistrationResult =
  { ok: true; submissionToken: string } | { ok: false; errors: FormErrors; values: Record<string, unknown> } | { ok: false; pending: string };

/** The posted form kept as typed (each value cut to a sane length), to show again with its errors. */
function typedValues(body: Record<string, unknown>): Record<string, unknown> {
  const text = (name: string, max: number): string => (typeof body[name] === 'string' ? body[name].slice(0, max) : '');
  return {
    reason: text('reason', 20),
    mergedInn: text('mergedInn', 40),
    otherText: text('otherText', 2100),
    stoppedOn: { day: text('stoppedOn-day', 4), month: text('stoppedOn-month', 4), year: text('stoppedOn-year', 6) },
    declaration: body.declaration === 'yes' ? ['yes'] : [],
  };
}

/** The summary lists the problems in the order of the form (the conditional questions are checked last). */
function inFormOrder(errors: FormErrors): FormErrors {
  const order = (DEREGISTRATION_STEP.fields ?? []).map((field) => field.name);
  return { ...errors, list: [...errors.list].sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field)) };
}

/**
 * The request sent: validated, then filed as a case about the entry, with the registration's contact person as
 * its contact (the acknowledgement and every later e-mail go to them).
 */
export async function requestDeregistration(
  deps: SubmissionDeps,
  request: Deregistration,
  body: Record<string, unknown>,
  context: { lang: Language; requestId: string },
): Promise<DeregistrationResult> {
  if (request.pending) return { ok: false, pending: request.pending };
  const parsed = validate(deregistrationSchema(request.entry.inn), collectDateParts(body, DEREGISTRATION_DATE_FIELDS));
  if (!parsed.ok) return { ok: false, errors: inFormOrder(parsed.errors), values: typedValues(body) };
  const { entry } = request;
  const contact = (await caseParties(deps.knex, request.caseId)).find((party) => party.role === 'contact');
  const submissionToken = randomUUID();
  const facts = {
    entry: { organisationId: entry.id, registrationNumber: entry.registrationNumber, inn: entry.inn, name: organisationName(entry, context.lang) },
    contact,
  };
  try {
    await submitCase(deps, deregistrationCase(parsed.data, facts, { submissionToken, requestId: context.requestId }, context.lang));
  } catch (error) {
    // Another request for this entry was filed in the meantime (two tabs, a double click): that one is being reviewed.
    const open = (error as { constraint?: unknown }).constraint === ONE_OPEN_REQUEST ? await openDeregistration(deps.knex, entry.id) : undefined;
    if (open) return { ok: false, pending: open.reference };
    throw error;
  }
  return { ok: true, submissionToken };
}

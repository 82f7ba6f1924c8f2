/**
 * The organisation picker's rules: whether a step's answers name a register entry already (picked as you type, or
 * offered from the entry's page), which entries a typed name may mean, and a choice among them applied to the
 * answers. The entry is kept as `organisationNumber` in the step's answers; the case stores its id when filed.
 */
import type { Knex } from 'knex';
import type { Language } from '../../config.ts';
import { organisationById, organisationCandidates, organisationChoice, registeredOrganisationId, type OrganisationChoice } from '../register/service.ts';
import type { Step } from './journey.ts';

type Values = Record<string, unknown>;

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/** The organisation's name as the step's answers give it. */
export function typedName(step: Step, data: Values): string {
  return step.picker ? text(data[step.picker.name]) : '';
}

/**
 * The step's answers with the entry the form names (the hidden `organisationNumber`), when that entry's name is
 * still the name in the form; nothing when the form names none or the name was changed since.
 */
export async function confirmedPick(knex: Knex, step: Step, data: Values, posted: Values, lang: Language): Promise<Values | undefined> {
  const picker = step.picker;
  const number = text(posted.organisationNumber);
  if (!picker || number === '') return undefined;
  const entry = await organisationChoice(knex, number, lang);
  if (!entry || entry.name.toLowerCase() !== text(data[picker.name]).toLowerCase()) return undefined;
  return withEntry(step, data, entry);
}

function withEntry(step: Step, data: Values, entry: OrganisationChoice): Values {
  const picker = step.picker;
  if (!picker) return data;
  const inn = picker.inn && text(data[picker.inn]) === '' ? { [picker.inn]: entry.inn } : {};
  return { ...data, [picker.name]: entry.name, ...inn, organisationNumber: entry.registrationNumber };
}

/**
 * The step's answers with the entry whose name the typed name is, in any script (folded, legal form ignored),
 * when exactly one entry has it: there is nothing to ask.
 */
export async function exactPick(knex: Knex, step: Step, data: Values, lang: Language): Promise<Values | undefined> {
  const name = step.picker ? text(data[step.picker.name]) : '';
  const id = name === '' ? undefined : await registeredOrganisationId(knex, { inn: null, name });
  const entry = id === undefined ? undefined : await organisationById(knex, id, lang);
  // The name stays as typed: the citizen wrote it the way they know it.
  return entry ? { ...withEntry(step, data, entry), ...(step.picker ? { [step.picker.name]: name } : {}) } : undefined;
}

/** The entries the step's typed name may mean (none: the name is kept as typed). */
export async function candidatesFor(knex: Knex, step: Step, data: Values, lang: Language): Promise<OrganisationChoice[]> {
  const name = step.picker ? text(data[step.picker.name]) : '';
  return name.length < 2 ? [] : organisationCandidates(knex, name, lang);
}

/**
 * The answers after the results step: with the entry chosen (`choice` is its number), or as typed (`typed`);
 * nothing when the choice is missing or names no registered entry.
 */
export async function applyChoice(knex: Knex, step: Step, data: Values, choice: unknown, lang: Language): Promise<Values | undefined> {
  if (choice === 'typed') return { ...data, organisationNumber: '' };
  if (typeof choice !== 'string' || choice === '') return undefined;
  const entry = await organisationChoice(knex, choice, lang);
  return entry ? withEntry(step, data, entry) : undefined;
}

/**
 * The intake journeys' rules over a session's drafts: answering a step, keeping a step to finish later, sending
 * the answers as a case, and starting a complaint from a request letter. Pages call these; they never see
 * req or res (a draft lives in the session, which they are given).
 */
import type { Language } from '../../config.ts';
import { validate } from '../../http/validation.ts';
import { findCaseByReference } from '../cases/service.ts';
import { arrayRegistered, organisationChoice, organisationFromQuery, registeredOrganisationId, type NamedOrganisation } from '../register/service.ts';
import type { EntryInput } from '../register/types.ts';
import type { CaseKeys } from '../cases/keys.ts';
import { submitCase, type SubmissionDeps } from '../cases/submission.ts';
import { complaintJourney } from './complaint.ts';
import { discardDraftFiles, storeServerFile, type DraftFileDeps } from './draft-files.ts';
import { acceptAnswers, discardDraft, draftFor, existingDraft, keepTyped, type Draft, type DraftSession } from './drafts.ts';
import type { SECTORS } from './fields.ts';
import { applicableAnswers, schemaFor, type Answers, type CaseLookups, type Journey, type Step } from './journey.ts';
import { forgetSavedDraft, refreshSavedDraft } from './saved-drafts.ts';
import { amendsOf, registrationCase, registrationPrefill, type Amends } from './registration-case.ts';
import { registrationJourney } from './registration.ts';
import { breachCase, complaintCase, reportCase } from './submission.ts';

export interface IntakeDeps extends DraftFileDeps {
  submission: SubmissionDeps;
  keys: CaseKeys;
  /** The portal's address, for the link in the resume-code e-mail. */
  publicUrl: string;
  /** How long a form saved to finish later is kept (RETENTION_DRAFT_DAYS). */
  draftDays: number;
}

function caseLookups(deps: Pick<IntakeDeps, 'knex'>): CaseLookups {
  return {
    caseTypeOf: async (reference) => (await findCaseByReference(deps.knex, reference))?.type,
    arrayRegistered: (inn, arrayName) => arrayRegistered(deps.knex, inn, arrayName),
  };
}

/** A step's problem that needs the cases already filed (e.g. an earlier notification that does not exist). */
export async function verifyStep(
  deps: Pick<IntakeDeps, 'knex'>,
  step: Step,
  data: Record<string, unknown>,
  answers: Answers,
): Promise<{ field: string; key: string } | undefined> {
  return step.verify?.(data, caseLookups(deps), answers);
}

/** A step's answers confirmed: kept in the draft, and in its saved copy when it has one. */
export async function answerStep(deps: Pick<IntakeDeps, 'knex' | 'keys'>, draft: Draft, step: Step, data: Record<string, unknown>): Promise<void> {
  acceptAnswers(draft, step.id, data);
  if (draft.savedId) await refreshSavedDraft(deps, draft.savedId, draft);
}

/**
 * "Save and finish later" on a form step: what it holds is kept as answers when valid, otherwise as values to
 * show again.
 */
export async function keepStepForLater(deps: Pick<IntakeDeps, 'knex'>, draft: Draft, step: Step, input: Record<string, unknown>): Promise<void> {
  const schema = schemaFor(step, draft.answers);
  const result = schema ? validate(schema, input) : undefined;
  if (result?.ok && !(await verifyStep(deps, step, result.data, draft.answers))) acceptAnswers(draft, step.id, result.data);
  else keepTyped(draft, step, input);
}

/** Sends a complete draft as a case (idempotent by the draft's token); its saved copy is deleted. */
export async function submitJourney(deps: IntakeDeps, journey: Journey, draft: Draft, pageLang: Language, requestId: string): Promise<void> {
  // An amendment's mark is not a step's answers: it goes with them.
  const amends = amendsOf(draft.answers);
  const answers = { ...applicableAnswers(journey, draft.answers), ...(amends ? { amends: { ...amends } } : {}) };
  const base = { submissionToken: draft.token, requestId };
  const build = { complaint: complaintCase, report: reportCase, breach: breachCase, registration: registrationCase }[journey.type];
  const built = build(answers, base, pageLang);
  // A first application is not yet in the register (an amendment belongs to the entry it changes); any other
  // case is linked to the entry picked, or else the one it names, if there is one.
  const organisationId = journey.type === 'registration' ? amends?.organisationId : await caseOrganisation(deps, journey, answers, built, pageLang);
  await submitCase(deps.submission, { ...built, organisationId: organisationId ?? null });
  if (draft.savedId) await forgetSavedDraft(deps.knex, draft.savedId);
}

async function caseOrganisation(
  deps: Pick<IntakeDeps, 'knex'>,
  journey: Journey,
  answers: Answers,
  named: { organisationInn: string | null; organisationName: string },
  lang: Language,
): Promise<number | undefined> {
  const step = journey.steps.find((candidate) => candidate.picker);
  const number = step ? answers[step.id]?.organisationNumber : undefined;
  const picked = typeof number === 'string' && number !== '' ? await organisationChoice(deps.knex, number, lang) : undefined;
  return picked?.id ?? registeredOrganisationId(deps.knex, { inn: named.organisationInn, name: named.organisationName });
}

/** What a request letter says that a complaint asks again. */
interface LetterFacts {
  organisationName: string;
  organisationAddress: string;
  fullName: string;
  contact: string;
  /** YYYY-MM-DD */
  sendingDate: string;
  requestType: string;
  /** The register entry the letter was addressed to, if any. */
  organisationNumber?: string;
}

/**
 * "No answer? Complain": a new complaint draft in the session, offering (not yet confirming) what the letter
 * already says. Returns the step to open.
 */
export function startComplaintFromLetter(session: DraftSession, letter: LetterFacts): { journey: Journey['path']; step: string } {
  discardDraft(session, complaintJourney);
  const draft = draftFor(session, complaintJourney);
  const contactIsEmail = /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(letter.contact.trim());
  draft.prefill = {
    'about-you': { fullName: letter.fullName, ...(contactIsEmail ? { email: letter.contact.trim() } : { postalAddress: letter.contact }) },
    organisation: {
      organisationName: letter.organisationName,
      organisationAddress: letter.organisationAddress,
      ...(letter.organisationNumber && letter.organisationNumber !== 'typed' ? { organisationNumber: letter.organisationNumber } : {}),
    },
    'earlier-contact': { askedOrganisation: 'yes', requestDate: letter.sendingDate, requestType: letter.requestType, answered: 'no' },
  };
  return { journey: complaintJourney.path, step: 'about-you' };
}

/**
 * A register entry's holder changes it: a new application whose forms offer the entry's details, marked as the
 * entry's amendment (its ИНН stays, its arrays replace the entry's when staff approve it).
 */
export function startAmendment(session: DraftSession, entry: EntryInput, amends: Amends, lang: Language): void {
  discardDraft(session, registrationJourney);
  const draft = draftFor(session, registrationJourney);
  draft.answers.amends = { ...amends };
  draft.prefill = registrationPrefill(entry, lang);
}

/**
 * "You can complain now" from a kept request: as from a letter, with the letter itself (a PDF) attached to the
 * draft and shown on the "earlier contact" step; a draft in progress and its files are discarded first.
 */
export async function startComplaintFromRequest(
  deps: DraftFileDeps,
  session: DraftSession,
  letter: LetterFacts,
  pdf: { fileName: string; bytes: Buffer },
): Promise<{ journey: Journey['path']; step: string }> {
  const previous = existingDraft(session, complaintJourney);
  if (previous) await discardDraftFiles(deps.knex, previous.token);
  const opened = startComplaintFromLetter(session, letter);
  const draft = draftFor(session, complaintJourney);
  await storeServerFile(deps, draft.token, { ...pdf, contentType: 'application/pdf', purpose: 'request-letter' });
  return opened;
}

/** The register's sectors in the complaint's coarser list (the sector a complainant would have picked). */
const SECTOR_OF: Record<NamedOrganisation['sector'], (typeof SECTORS)[number]> = {
  banking: 'banking',
  microfinance: 'banking',
  insurance: 'other',
  telecoms: 'telecoms',
  internet: 'online',
  healthcare: 'health',
  education: 'education',
  public_administration: 'state',
  retail: 'retail',
  transport: 'other',
  utilities: 'housing',
  employment: 'employment',
  other: 'other',
};

/** The organisation a "complain about this organisation" link or button names (`organisation=<number>`). */
export function organisationNamed(deps: Pick<IntakeDeps, 'knex'>, query: unknown, lang: Language): Promise<NamedOrganisation | undefined> {
  return organisationFromQuery(deps.knex, query, lang);
}

/**
 * "Complain about this organisation" from its register entry: a new complaint draft (a draft in progress and its
 * files discarded, as the start page warns) offering the organisation's name, sector and address on its step.
 * Returns the step to open, or nothing when the number names no entry.
 */
export async function startComplaintAbout(
  deps: Pick<IntakeDeps, 'knex'>,
  session: DraftSession,
  body: unknown,
  lang: Language,
): Promise<{ journey: Journey['path']; step: string } | undefined> {
  const organisation = await organisationFromQuery(deps.knex, body, lang);
  if (!organisation) return undefined;
  const previous = existingDraft(session, complaintJourney);
  if (previous) await discardDraftFiles(deps.knex, previous.token);
  discardDraft(session, complaintJourney);
  const draft = draftFor(session, complaintJourney);
  draft.prefill = {
    organisation: {
      organisationName: organisation.name,
      sector: SECTOR_OF[organisation.sector],
      organisationAddress: organisation.address,
      organisationNumber: organisation.registrationNumber,
    },
  };
  return { journey: complaintJourney.path, step: complaintJourney.steps[0]?.id ?? 'check' };
}

/** Where each appeal journey asks the organisation's name (a breach notification is the holder's own). */
const ORGANISATION_STEP: Partial<Record<Journey['type'], string>> = { complaint: 'organisation', report: 'what-happened' };

/**
 * The organisation's name when the register does not hold it (the citizen is told, and may still send the
 * form); nothing when the register holds it or the journey names none.
 */
export async function unregisteredOrganisation(deps: Pick<IntakeDeps, 'knex'>, journey: Journey, answers: Answers): Promise<string | undefined> {
  const step = ORGANISATION_STEP[journey.type];
  const name = step ? answers[step]?.organisationName : undefined;
  if (typeof name !== 'string' || name.trim() === '' || (step && answers[step]?.organisationNumber)) return undefined;
  return (await registeredOrganisationId(deps.knex, { inn: null, name })) ? undefined : name.trim();
}

/**
 * The staff case page's view model (pure): the header and summary with their keys written out, assignment,
 * deadlines, the answers, the records (presenters/case-records.ts) and the forms, with a refused form's
 * errors and values. The page prints it as is.
 */
import { deregistersOf, deregistrationDate } from '../../intake/deregistration-form.ts';
import { amendsOf } from '../../intake/registration-case.ts';
import type { Translate } from '../../../i18n/i18n.ts';
import type { FormErrors } from '../../../http/validation.ts';
import type { CaseFile } from '../case-file.ts';
import { MESSAGE_TEMPLATES } from '../templates.ts';
import { presentDeadlines } from './case-deadlines.ts';
import {
  presentDecisions,
  presentFiles,
  presentLinks,
  presentMessages,
  presentNotes,
  presentCorrections,
  presentParties,
  presentTimeline,
} from './case-records.ts';
import { assigneeItems, type Caseworker } from './queue.ts';
import { openFormErrors, presentTransitionForms } from './transition-forms.ts';
import { pathTo } from '../../../http/paths.ts';

export interface CasePageInput {
  t: Translate;
  file: CaseFile;
  staff: { id: number; canAssign: boolean; canTake: boolean };
  /** Every caseworker, when this staff member may assign the case. */
  caseworkers?: readonly Caseworker[];
  /** The answers as the intake journey presents them (with personal data only). */
  answers: unknown[];
  today: string;
  triageDays: number;
  uploads: { maxFiles: number; maxFileBytes: number };
  /** What was just done (from the redirect after a form), shown as "saved". */
  done?: string;
  /** A refused form: its errors and values; `transition` when it was a transition's form. */
  refused?: { errors: FormErrors; values: Record<string, unknown>; transition?: string };
}

/** A holder's request to remove their entry: the entry it concerns, and the day registering it marks the entry ceased. */
function presentDeregisters(found: CaseFile['case']) {
  const deregisters = found.type === 'registration' ? deregistersOf(found.answers) : undefined;
  if (!deregisters) return undefined;
  return {
    number: deregisters.registrationNumber,
    publicHref: pathTo('register.entry', { lang: found.language, number: deregisters.registrationNumber }),
    ceasedOn: deregistrationDate(found.answers),
  };
}

function presentSummary(t: Translate, file: CaseFile) {
  const found = file.case;
  return {
    organisation: found.organisation_name,
    inn: found.organisation_inn,
    // Whether the register holds the organisation (an application is about one not yet in it).
    registerHref: found.organisation_id ? pathTo('staff.register.show', { id: found.organisation_id }) : undefined,
    notRegistered: !found.organisation_id && found.type !== 'registration',
    // An application its holder started from their entry: approving it replaces that entry's details and arrays.
    amends: found.type === 'registration' ? amendsOf(found.answers)?.registrationNumber : undefined,
    deregisters: presentDeregisters(found),
    sectorKey: found.sector ? `intake.sectors.${found.sector}` : undefined,
    languageKey: `intake.languages.${found.language}`,
    receivedAt: found.received_at,
    assignee: found.assignee_name ?? t('casework.filters.unassigned'),
    assigneeId: found.assignee_id,
    anonymous: found.anonymous,
    decisionKey: found.decision ? `casework.decisions.${found.decision}` : undefined,
    reasonKey: found.reason_code ? `casework.reasons.${found.reason_code}` : undefined,
    referredToKey: found.referred_to ? `casework.bodies.${found.referred_to}` : undefined,
  };
}

function presentForms(input: CasePageInput) {
  const { t, file, refused } = input;
  const open = refused?.transition ? { id: refused.transition, errors: refused.errors.byField, values: refused.values } : undefined;
  return {
    errors: open && refused ? openFormErrors(open.id, refused.errors) : refused?.errors,
    values: open ? {} : (refused?.values ?? {}),
    transitions: presentTransitionForms(t, file.transitions, open, file.case.type === 'registration' && deregistersOf(file.case.answers) !== undefined),
    templates: MESSAGE_TEMPLATES.map((value) => ({ value, label: t(`casework.templates.${value}.label`) })),
    linkKinds: [
      { value: 'duplicate', label: t('casework.linkKinds.duplicate') },
      { value: 'related', label: t('casework.linkKinds.related') },
    ],
    caseworkers: input.staff.canAssign && input.caseworkers ? assigneeItems(t, input.caseworkers) : undefined,
    canTake: input.staff.canTake && file.case.assignee_id === null,
    maxFiles: input.uploads.maxFiles,
    maxMegabytes: Math.round(input.uploads.maxFileBytes / (1024 * 1024)),
  };
}

export function presentCase(input: CasePageInput) {
  const { t, file } = input;
  const personalData = file.access.personalData;
  return {
    layout: 'staff',
    title: t('casework.case.title', { reference: file.case.reference }),
    reference: file.case.reference,
    typeKey: file.case.type === 'registration' && deregistersOf(file.case.answers) ? 'track.types.deregistration' : `track.types.${file.case.type}`,
    statusKey: `casework.statuses.${file.case.status}`,
    done: input.done !== undefined,
    summary: presentSummary(t, file),
    deadlines: presentDeadlines(file.case, file.holidays, input.today, input.triageDays),
    personalData,
    canChange: file.access.change,
    answers: personalData ? input.answers : [],
    parties: personalData ? presentParties(file.parties ?? []) : [],
    corrections: personalData ? presentCorrections(file.corrections ?? []) : [],
    ...presentDecisions(file, input.staff.id),
    messages: presentMessages(file),
    files: presentFiles(file),
    notes: presentNotes(file),
    links: presentLinks(file),
    timeline: presentTimeline(file),
    ...presentForms(input),
  };
}

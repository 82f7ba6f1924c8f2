/**
 * From a journey's answers to the case that submitCase stores, and back (pure): the stored case keeps some
 * answers in columns and parties and the rest in `answers`; `answersFromCase` rebuilds the answers of each
 * step from what is stored (older cases included), so they can be shown with the journey's own questions.
 */
import type { Language } from '../../config.ts';
import type { NewCase } from '../cases/submission.ts';
import { hoursSinceDiscovery } from './breach-schemas.ts';
import type { Answers } from './journey.ts';
import { registrationAnswers } from './registration-case.ts';

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const orNull = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const language = (value: unknown, fallback: Language): Language => (value === 'ky' || value === 'ru' || value === 'en' ? value : fallback);

type Base = Pick<NewCase, 'submissionToken' | 'requestId'>;

export function complaintCase(answers: Answers, base: Base, pageLang: Language): NewCase {
  const you = answers['about-you'] ?? {};
  const organisation = answers.organisation ?? {};
  const lang = language(you.preferredLanguage, pageLang);
  return {
    ...base,
    type: 'complaint',
    language: lang,
    organisationName: text(organisation.organisationName),
    organisationInn: null,
    sector: orNull(organisation.sector),
    anonymous: false,
    answers: {
      organisationAddress: text(organisation.organisationAddress),
      whatHappened: answers['what-happened'] ?? {},
      earlierContact: answers['earlier-contact'] ?? {},
      ...(answers['not-asked-first'] ? { notAskedFirst: answers['not-asked-first'] } : {}),
      outcome: answers.outcome ?? {},
    },
    parties: [
      {
        role: 'complainant',
        full_name: orNull(you.fullName),
        email: orNull(you.email),
        postal_address: orNull(you.postalAddress),
        phone: orNull(you.phone),
        position: null,
        preferred_language: lang,
        identity_may_be_shared: answers.declarations?.identitySharing === 'yes',
      },
    ],
    acknowledgeTo: orNull(you.email),
    followUpOf: null,
  };
}

export function reportCase(answers: Answers, base: Base, pageLang: Language): NewCase {
  const happened = answers['what-happened'] ?? {};
  const you = answers['about-you'] ?? {};
  const anonymous = you.anonymous !== 'no';
  const lang = language(you.preferredLanguage, pageLang);
  return {
    ...base,
    type: 'report',
    language: lang,
    organisationName: text(happened.organisationName),
    organisationInn: null,
    sector: orNull(happened.sector),
    anonymous,
    answers: { whatHappened: happened },
    parties: anonymous
      ? []
      : [
          {
            role: 'reporter',
            full_name: orNull(you.fullName),
            email: orNull(you.email),
            postal_address: null,
            phone: orNull(you.phone),
            position: null,
            preferred_language: lang,
            identity_may_be_shared: false,
          },
        ],
    acknowledgeTo: anonymous ? null : orNull(you.email),
    followUpOf: null,
  };
}

export function breachCase(answers: Answers, base: Base, pageLang: Language, now = new Date()): NewCase {
  const organisation = answers.organisation ?? {};
  const timing = answers.timing ?? {};
  return {
    ...base,
    type: 'breach',
    language: pageLang,
    organisationName: text(organisation.organisationName),
    organisationInn: orNull(organisation.inn),
    sector: null,
    anonymous: false,
    answers: {
      organisationAddress: text(organisation.organisationAddress),
      breach: answers.breach ?? {},
      affected: answers.affected ?? {},
      consequences: answers.consequences ?? {},
      timing: {
        delayReason: text(timing.delayReason),
        isFollowUp: timing.isFollowUp === 'yes',
        ...(timing.isFollowUp === 'yes' ? { earlierReference: text(timing.earlierReference) } : {}),
      },
      // Judged at the moment of notification: hours from discovery to submission.
      hoursToNotify: hoursSinceDiscovery(answers, now) ?? null,
    },
    parties: [
      {
        role: 'notifier',
        full_name: orNull(organisation.contactName),
        email: orNull(organisation.contactEmail),
        postal_address: null,
        phone: orNull(organisation.contactPhone),
        position: orNull(organisation.contactPosition),
        preferred_language: pageLang,
        identity_may_be_shared: true,
      },
    ],
    acknowledgeTo: orNull(organisation.contactEmail),
    followUpOf: timing.isFollowUp === 'yes' ? orNull(timing.earlierReference) : null,
  };
}

/** What answersFromCase reads of a stored case (its columns, as the cases feature reads them). */
export interface StoredCase {
  type: NewCase['type'];
  language: Language;
  organisation_name: string;
  organisation_inn: string | null;
  sector: string | null;
  anonymous: boolean;
  answers: Record<string, unknown>;
}

/** What answersFromCase reads of a case's people (as submitCase stores them). */
type StoredParty = Pick<
  NewCase['parties'][number],
  'role' | 'full_name' | 'email' | 'postal_address' | 'phone' | 'position' | 'preferred_language' | 'identity_may_be_shared'
>;

const step = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
const yesNo = (value: unknown): string => (value === true ? 'yes' : value === false ? 'no' : text(value));

/**
 * Each step's answers as the journey asked them, from a stored case. `followUpReference` is the reference of
 * the case a breach notification follows up (older cases stored only its id).
 */
type StepAnswers = Record<string, Record<string, unknown>>;

function complaintAnswers(stored: StoredCase, party: StoredParty | undefined): StepAnswers {
  const answers = stored.answers;
  return {
    'about-you': {
      fullName: party?.full_name ?? '',
      email: party?.email ?? '',
      postalAddress: party?.postal_address ?? '',
      phone: party?.phone ?? '',
      preferredLanguage: party?.preferred_language ?? stored.language,
    },
    organisation: { organisationName: stored.organisation_name, sector: stored.sector ?? '', organisationAddress: text(answers.organisationAddress) },
    'what-happened': step(answers.whatHappened),
    'earlier-contact': step(answers.earlierContact),
    ...(answers.notAskedFirst ? { 'not-asked-first': step(answers.notAskedFirst) } : {}),
    outcome: step(answers.outcome),
    // A complaint cannot be sent without both confirmations, so a stored one had them.
    declarations: { privacyAccepted: 'yes', identitySharing: yesNo(party?.identity_may_be_shared ?? ''), truthful: 'yes' },
  };
}

function reportAnswers(stored: StoredCase, party: StoredParty | undefined): StepAnswers {
  const happened = step(stored.answers.whatHappened);
  const named = {
    anonymous: 'no',
    fullName: party?.full_name ?? '',
    email: party?.email ?? '',
    phone: party?.phone ?? '',
    preferredLanguage: party?.preferred_language ?? stored.language,
  };
  return {
    'what-happened': {
      ...happened,
      organisationName: text(happened.organisationName) || stored.organisation_name,
      sector: text(happened.sector) || (stored.sector ?? ''),
    },
    'about-you': stored.anonymous ? { anonymous: 'yes', preferredLanguage: stored.language } : named,
  };
}

function breachAnswers(stored: StoredCase, party: StoredParty | undefined, followUpReference?: string): StepAnswers {
  const answers = stored.answers;
  const timing = step(answers.timing);
  const isFollowUp = yesNo(timing.isFollowUp);
  return {
    organisation: {
      organisationName: stored.organisation_name,
      inn: stored.organisation_inn ?? '',
      organisationAddress: text(answers.organisationAddress),
      contactName: party?.full_name ?? '',
      contactPosition: party?.position ?? '',
      contactEmail: party?.email ?? '',
      contactPhone: party?.phone ?? '',
    },
    breach: step(answers.breach),
    affected: step(answers.affected),
    consequences: step(answers.consequences),
    timing: {
      delayReason: text(timing.delayReason),
      isFollowUp,
      earlierReference: isFollowUp === 'yes' ? text(timing.earlierReference) || (followUpReference ?? '') : '',
    },
  };
}

export function answersFromCase(stored: StoredCase, parties: readonly StoredParty[], followUpReference?: string): StepAnswers {
  const party = parties[0];
  if (stored.type === 'complaint') return complaintAnswers(stored, party);
  if (stored.type === 'report') return reportAnswers(stored, party);
  if (stored.type === 'registration') return registrationAnswers(stored, party);
  return breachAnswers(stored, party, followUpReference);
}

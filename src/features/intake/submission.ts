/** From a journey's answers to the case that submitCase stores (pure). */
import type { Language } from '../../config.ts';
import type { NewCase } from '../cases/submission.ts';
import { hoursSinceDiscovery } from './breach.ts';
import type { Answers } from './journey.ts';

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
      : [{ role: 'reporter', full_name: orNull(you.fullName), email: orNull(you.email), postal_address: null, phone: orNull(you.phone), position: null, preferred_language: lang, identity_may_be_shared: false }],
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
      timing: { delayReason: text(timing.delayReason), isFollowUp: timing.isFollowUp === 'yes' },
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

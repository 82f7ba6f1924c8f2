/**
 * A holder asks to remove their organisation from the register (pure): why (stopped processing, liquidated,
 * merged into another organisation — with its ИНН — or another reason), the day processing stopped, and a
 * declaration. The request is a `registration` case marked `deregisters` (as an amendment is marked `amends`);
 * staff approving it mark the entry ceased on that day. One form, asked from the holder's signed-in case.
 */
import { z } from 'zod';
import type { Language } from '../../config.ts';
import { dateParts } from '../../http/date-fields.ts';
import { bishkekToday } from '../../lib/dates.ts';
import type { NewCase } from '../cases/submission.ts';
import { innProblem, normaliseInn } from '../register/inn.ts';
import { choice, optionalText } from './fields.ts';
import type { Answers, Journey, Step } from './journey.ts';

const DEREGISTRATION_REASONS = ['stopped', 'liquidated', 'merged', 'other'] as const;
/** The form's day / month / year fields. */
export const DEREGISTRATION_DATE_FIELDS = ['stoppedOn'] as const;

const record = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** The register entry a request removes: kept in the case's answers, as `amends` is for an amendment. */
export interface Deregisters {
  organisationId: number;
  registrationNumber: string;
  inn: string;
}

export function deregistersOf(answers: Record<string, unknown>): Deregisters | undefined {
  const { organisationId, registrationNumber, inn } = record(answers.deregisters);
  return typeof organisationId === 'number' && typeof registrationNumber === 'string' && typeof inn === 'string'
    ? { organisationId, registrationNumber, inn }
    : undefined;
}

/** The day the organisation stopped processing, as the request gave it (the day the entry is marked ceased). */
export function deregistrationDate(answers: Record<string, unknown>): string | undefined {
  const { stoppedOn } = record(answers.deregistration);
  return typeof stoppedOn === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(stoppedOn) ? stoppedOn : undefined;
}

const INN_KEYS = {
  length: 'track.deregister.errors.mergedInnLength',
  digits: 'track.deregister.errors.mergedInnDigits',
  check: 'track.deregister.errors.mergedInnCheck',
};

/** The form's rules; `ownInn`: the entry's own ИНН, which cannot be the organisation it merged into. */
export function deregistrationSchema(ownInn: string, today: () => string = bishkekToday) {
  return (
    z
      .object({
        reason: choice(DEREGISTRATION_REASONS, 'track.deregister.errors.reason'),
        mergedInn: z.preprocess(
          (value) => (typeof value === 'string' ? normaliseInn(value.trim()) : ''),
          z.string().max(40, 'track.deregister.errors.mergedInnLength'),
        ),
        otherText: optionalText(2000),
        stoppedOn: dateParts({ notAfter: { date: today, key: 'track.deregister.errors.stoppedOnFuture' } }),
        declaration: z.literal('yes', { error: 'track.deregister.errors.declaration' }),
      })
      // Checked even when another field is wrong (a date in the future), so that every problem shows at once.
      .superRefine(
        (values, ctx) => {
          const merged = typeof values.mergedInn === 'string' ? values.mergedInn : '';
          if (values.reason === 'merged') {
            const problem = merged === '' ? 'missing' : innProblem(merged);
            if (problem)
              ctx.addIssue({ code: 'custom', path: ['mergedInn'], message: problem === 'missing' ? 'track.deregister.errors.mergedInn' : INN_KEYS[problem] });
            else if (merged === ownInn) ctx.addIssue({ code: 'custom', path: ['mergedInn'], message: 'track.deregister.errors.mergedInnOwn' });
          }
          if (values.reason === 'other' && !values.otherText)
            ctx.addIssue({ code: 'custom', path: ['otherText'], message: 'track.deregister.errors.otherText' });
        },
        { when: () => true },
      )
      .transform((values) => ({
        reason: values.reason,
        // Only what the reason asks for is kept.
        mergedInn: values.reason === 'merged' ? values.mergedInn : '',
        otherText: values.reason === 'other' ? values.otherText : '',
        stoppedOn: values.stoppedOn,
        declaration: values.declaration,
      }))
  );
}

export type DeregistrationAnswers = z.output<ReturnType<typeof deregistrationSchema>>;

/** The form's questions: they draw the form and show the request to staff and in the holder's copy. */
export const DEREGISTRATION_STEP: Step = {
  id: 'deregistration',
  kind: 'form',
  titleKey: 'track.deregister.title',
  fields: [
    {
      name: 'reason',
      kind: 'radios',
      label: 'track.deregister.fields.reason',
      choices: { values: DEREGISTRATION_REASONS, prefix: 'track.deregister.reasons' },
    },
    {
      name: 'mergedInn',
      kind: 'text',
      label: 'track.deregister.fields.mergedInn',
      hint: 'track.deregister.hints.mergedInn',
      applies: (values) => values.reason === 'merged',
      input: { width: 'medium', inputmode: 'numeric', spellcheck: 'false' },
    },
    {
      name: 'otherText',
      kind: 'textarea',
      label: 'track.deregister.fields.otherText',
      hint: 'track.deregister.hints.otherText',
      applies: (values) => values.reason === 'other',
      input: { rows: 4 },
    },
    { name: 'stoppedOn', kind: 'date', label: 'track.deregister.fields.stoppedOn', hint: 'track.deregister.hints.stoppedOn' },
    { name: 'declaration', kind: 'confirm', label: 'track.deregister.fields.declarationLegend', statement: 'track.deregister.fields.declaration' },
  ],
};

/** The request shown with the journeys' own presentation of answers (staff case page, the holder's copy). */
export const deregistrationJourney: Journey = { type: 'registration', path: 'register', titleKey: 'track.deregister.title', steps: [DEREGISTRATION_STEP] };

/** A stored request's answers, under its one step. */
export function deregistrationAnswers(stored: { answers: Record<string, unknown> }): Answers {
  return { deregistration: record(stored.answers.deregistration) };
}

/** The organisation as the register holds it, and the person the request comes from (the registration's contact). */
interface RequestFacts {
  entry: Deregisters & { name: string };
  contact: { full_name: string | null; email: string | null; postal_address: string | null; phone: string | null; position: string | null } | undefined;
}

export function deregistrationCase(
  answers: DeregistrationAnswers,
  facts: RequestFacts,
  base: Pick<NewCase, 'submissionToken' | 'requestId'>,
  lang: Language,
): NewCase {
  const { entry, contact } = facts;
  return {
    ...base,
    type: 'registration',
    language: lang,
    organisationName: entry.name,
    organisationInn: entry.inn,
    organisationId: entry.organisationId,
    sector: null,
    anonymous: false,
    answers: {
      deregisters: { organisationId: entry.organisationId, registrationNumber: entry.registrationNumber, inn: entry.inn },
      deregistration: answers,
    },
    parties: [
      {
        role: 'contact',
        full_name: contact?.full_name ?? null,
        email: contact?.email ?? null,
        postal_address: contact?.postal_address ?? null,
        phone: contact?.phone ?? null,
        position: contact?.position ?? null,
        preferred_language: lang,
        identity_may_be_shared: true,
      },
    ],
    acknowledgeTo: contact?.email ?? null,
    followUpOf: null,
  };
}

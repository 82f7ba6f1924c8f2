/**
 * The breach notification, for organisations: the organisation and its contact → the breach (when it
 * happened, when it was discovered, its nature) → whose data and how much → consequences and measures →
 * timing (hours since discovery; past 72 an optional word on the timing; a follow-up links an earlier notification)
 * → evidence → check. The 72 hours are GDPR good practice, which the Agency asks holders to follow.
 */

import { YES_NO } from './fields.ts';
import type { Journey } from './journey.ts';
import {
  BREACH_HOURS_LIMIT,
  NATURE,
  DATA,
  PEOPLE,
  TOLD,
  organisation,
  breach,
  affected,
  consequences,
  hoursSinceDiscovery,
  lateNow,
  timingSchema,
} from './breach-schemas.ts';
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

const YES_NO_CHOICES = { values: YES_NO, prefix: 'intake.yesNo' } as const;
const occurredKnown = (values: Record<string, unknown>) => values.occurredKnown === 'yes';

export const breachJourney: Journey = {
  type: 'breach',
  path: 'breaches',
  titleKey: 'intake.breach.title',
  steps: [
    {
      id: 'organisation',
      kind: 'form',
      titleKey: 'intake.breach.steps.organisation',
      schema: organisation,
      picker: { name: 'organisationName', inn: 'inn' },
      fields: [
        { name: 'organisationName', kind: 'text', label: 'intake.fields.organisationName', input: { autocomplete: 'organization' } },
        {
          name: 'inn',
          kind: 'text',
          label: 'intake.fields.inn',
          hint: 'intake.hints.inn',
          input: { width: 'medium', inputmode: 'numeric', spellcheck: 'false' },
        },
        { name: 'organisationAddress', kind: 'textarea', label: 'intake.fields.organisationAddress', optional: true, input: { rows: 3 } },
        { name: 'contactName', kind: 'text', label: 'intake.fields.contactName', input: { autocomplete: 'name', spellcheck: 'false' } },
        {
          name: 'contactPosition',
          kind: 'text',
          label: 'intake.fields.contactPosition',
          hint: 'intake.hints.contactPosition',
          input: { autocomplete: 'organization-title' },
        },
        { name: 'contactEmail', kind: 'email', label: 'intake.fields.contactEmail', input: { autocomplete: 'email', spellcheck: 'false' } },
        { name: 'contactPhone', kind: 'tel', label: 'intake.fields.contactPhone', optional: true, input: { autocomplete: 'tel', width: 'medium' } },
      ],
    },
    {
      id: 'breach',
      kind: 'form',
      titleKey: 'intake.breach.steps.breach',
      schema: breach,
      dateFields: ['occurredDate', 'discoveredDate'],
      fields: [
        { name: 'discoveredDate', kind: 'date', label: 'intake.fields.discoveredDate', hint: 'intake.hints.discoveredDate' },
        { name: 'discoveredTime', kind: 'time', label: 'intake.fields.discoveredTime', hint: 'intake.hints.time' },
        { name: 'occurredKnown', kind: 'radios', label: 'intake.fields.occurredKnown', choices: YES_NO_CHOICES, input: { inline: true } },
        { name: 'occurredDate', kind: 'date', label: 'intake.fields.occurredDate', applies: occurredKnown },
        { name: 'occurredTime', kind: 'time', label: 'intake.fields.occurredTime', hint: 'intake.hints.time', applies: occurredKnown },
        {
          name: 'nature',
          kind: 'checkboxes',
          label: 'intake.fields.nature',
          hint: 'intake.hints.chooseAll',
          choices: { values: NATURE, prefix: 'intake.breach.nature', hints: true },
        },
        { name: 'description', kind: 'textarea', label: 'intake.fields.breachDescription', hint: 'intake.hints.breachDescription', input: { rows: 8 } },
      ],
    },
    {
      id: 'affected',
      kind: 'form',
      titleKey: 'intake.breach.steps.affected',
      schema: affected,
      fields: [
        {
          name: 'dataCategories',
          kind: 'checkboxes',
          label: 'intake.fields.dataCategories',
          hint: 'intake.hints.chooseAll',
          choices: { values: DATA, prefix: 'intake.breach.data' },
        },
        {
          name: 'peopleCategories',
          kind: 'checkboxes',
          label: 'intake.fields.peopleCategories',
          hint: 'intake.hints.chooseAll',
          choices: { values: PEOPLE, prefix: 'intake.breach.people' },
        },
        {
          name: 'approxPeople',
          kind: 'number',
          label: 'intake.fields.approxPeople',
          hint: 'intake.hints.approx',
          input: { width: 'short', inputmode: 'numeric' },
        },
        {
          name: 'approxRecords',
          kind: 'number',
          label: 'intake.fields.approxRecords',
          hint: 'intake.hints.approx',
          optional: true,
          emptyKey: 'intake.notKnown',
          input: { width: 'short', inputmode: 'numeric' },
        },
      ],
    },
    {
      id: 'consequences',
      kind: 'form',
      titleKey: 'intake.breach.steps.consequences',
      schema: consequences,
      fields: [
        {
          name: 'likelyConsequences',
          kind: 'textarea',
          label: 'intake.fields.likelyConsequences',
          hint: 'intake.hints.likelyConsequences',
          input: { rows: 5 },
        },
        { name: 'measuresTaken', kind: 'textarea', label: 'intake.fields.measuresTaken', hint: 'intake.hints.measuresTaken', input: { rows: 5 } },
        { name: 'measuresPlanned', kind: 'textarea', label: 'intake.fields.measuresPlanned', optional: true, input: { rows: 4 } },
        { name: 'peopleTold', kind: 'radios', label: 'intake.fields.peopleTold', choices: { values: TOLD, prefix: 'intake.breach.told' } },
        {
          name: 'peopleToldDetails',
          kind: 'textarea',
          label: 'intake.fields.peopleToldDetails',
          hint: 'intake.hints.peopleToldDetails',
          // Asked when they were or will be told; an answer given anyway is shown too.
          applies: (values) => values.peopleTold !== 'no' || Boolean(values.peopleToldDetails),
          input: { rows: 3 },
        },
      ],
    },
    {
      id: 'timing',
      kind: 'form',
      titleKey: 'intake.breach.steps.timing',
      // Judged when the step is answered; submission records the hours again at the moment of notification.
      schema: () => timingSchema(),
      extra: ({ answers }) => ({ hours: hoursSinceDiscovery(answers), late: lateNow(answers), limit: BREACH_HOURS_LIMIT }),
      fields: [
        // Offered only when the notification is past the recommended hours; never required.
        {
          name: 'delayReason',
          kind: 'textarea',
          label: 'intake.fields.delayReason',
          hint: 'intake.hints.delayReason',
          optional: true,
          applies: (values) => Boolean(values.delayReason),
          input: { rows: 4 },
        },
        {
          name: 'isFollowUp',
          kind: 'radios',
          label: 'intake.fields.isFollowUp',
          hint: 'intake.hints.isFollowUp',
          choices: YES_NO_CHOICES,
          input: { inline: true },
        },
        {
          name: 'earlierReference',
          kind: 'text',
          label: 'intake.fields.earlierReference',
          hint: 'intake.hints.earlierReference',
          applies: (values) => values.isFollowUp === 'yes',
          input: { width: 'medium', spellcheck: 'false' },
        },
      ],
      verify: async (answers, lookups) => {
        if (answers.isFollowUp !== 'yes') return undefined;
        const earlier = await lookups.caseTypeOf(text(answers.earlierReference));
        return earlier === 'breach' ? undefined : { field: 'earlierReference', key: 'intake.errors.earlierReferenceUnknown' };
      },
    },
    { id: 'evidence', kind: 'evidence', titleKey: 'intake.steps.evidence' },
    { id: 'check', kind: 'check', titleKey: 'intake.steps.check' },
  ],
};

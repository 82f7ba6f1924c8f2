/**
 * Registering in the register of personal-data holders (Law 58 Art. 30, resolution No. 638): the organisation →
 * the person responsible and the contact for requests → each array of personal data (up to MAX_ARRAYS, "add
 * another" after each) → declarations → check. Staff review the application as a `registration` case; nothing
 * typed here is public until they register it.
 */
import type { Field, Journey, Step } from './journey.ts';
import { REGIONS, SECTORS } from '../register/reference-data.ts';
import { YES_NO } from './fields.ts';
import { amendsOf } from './registration-case.ts';
import { ARRAY_STEPS, arraySchema, declarations, MAX_ARRAYS, organisation, responsible } from './registration-schemas.ts';

const long = (name: string, label: string, hint: string): Field => ({ name, kind: 'textarea', label, hint, input: { rows: 3 } });

/** The fields resolution No. 638 asks of each array (keys written out: each is checked in every language). */
const ARRAY_FIELDS: readonly Field[] = [
  { name: 'name', kind: 'text', label: 'intake.registration.fields.name', hint: 'intake.registration.hints.name' },
  long('purposes', 'intake.registration.fields.purposes', 'intake.registration.hints.purposes'),
  long('methods', 'intake.registration.fields.methods', 'intake.registration.hints.methods'),
  long('legalBasis', 'intake.registration.fields.legalBasis', 'intake.registration.hints.legalBasis'),
  long('dataCategories', 'intake.registration.fields.dataCategories', 'intake.registration.hints.dataCategories'),
  long('subjectCategories', 'intake.registration.fields.subjectCategories', 'intake.registration.hints.subjectCategories'),
  long('sources', 'intake.registration.fields.sources', 'intake.registration.hints.sources'),
  long('subjectsInformed', 'intake.registration.fields.subjectsInformed', 'intake.registration.hints.subjectsInformed'),
  long('retention', 'intake.registration.fields.retention', 'intake.registration.hints.retention'),
  long('recipients', 'intake.registration.fields.recipients', 'intake.registration.hints.recipients'),
  {
    ...long('transferCountries', 'intake.registration.fields.transferCountries', 'intake.registration.hints.transferCountries'),
    optional: true,
    emptyKey: 'intake.registration.noTransfers',
  },
  long('securityMeasures', 'intake.registration.fields.securityMeasures', 'intake.registration.hints.securityMeasures'),
];

const ARRAY_TITLES: Record<string, string> = {
  'array-1': 'intake.registration.steps.array-1',
  'array-2': 'intake.registration.steps.array-2',
  'array-3': 'intake.registration.steps.array-3',
  'array-4': 'intake.registration.steps.array-4',
  'array-5': 'intake.registration.steps.array-5',
};

function arrayStep(id: string, index: number): Step {
  const fields: Field[] = [...ARRAY_FIELDS];
  if (index < MAX_ARRAYS - 1) {
    fields.push({
      name: 'anotherArray',
      kind: 'radios',
      label: 'intake.registration.fields.anotherArray',
      choices: { values: YES_NO, prefix: 'intake.yesNo' },
      input: { inline: true },
    });
  }
  // Asked when every array before it said "add another" (a later "no" drops the arrays after it).
  const before = ARRAY_STEPS.slice(0, index);
  return {
    id,
    kind: 'form',
    titleKey: ARRAY_TITLES[id] ?? 'intake.registration.steps.array-1',
    schema: arraySchema(id),
    fields,
    ...(index > 0 ? { applies: (answers) => before.every((step) => answers[step]?.anotherArray === 'yes') } : {}),
    verify: async (values, lookups, answers) => {
      const typed = answers.organisation?.inn;
      const inn = typeof typed === 'string' ? typed : '';
      // An amendment replaces the entry's arrays: a name it already has is the same array, changed.
      if (amendsOf(answers)) return undefined;
      return inn && (await lookups.arrayRegistered(inn, String(values.name)))
        ? { field: 'name', key: 'intake.registration.errors.arrayRegistered' }
        : undefined;
    },
  };
}

export const registrationJourney: Journey = {
  type: 'registration',
  path: 'register',
  titleKey: 'intake.registration.title',
  steps: [
    {
      id: 'organisation',
      kind: 'form',
      titleKey: 'intake.registration.steps.organisation',
      schema: organisation,
      // An amendment changes the entry it was started from: its ИНН is that entry's.
      verify: (values, _lookups, answers) => {
        const amends = amendsOf(answers);
        return Promise.resolve(amends && values.inn !== amends.inn ? { field: 'inn', key: 'intake.registration.errors.innAmended' } : undefined);
      },
      fields: [
        {
          name: 'inn',
          kind: 'text',
          label: 'intake.registration.fields.inn',
          hint: 'intake.registration.hints.inn',
          input: { width: 'medium', inputmode: 'numeric', spellcheck: 'false' },
        },
        { name: 'nameKy', kind: 'text', label: 'intake.registration.fields.nameKy', input: { autocomplete: 'organization' } },
        { name: 'nameRu', kind: 'text', label: 'intake.registration.fields.nameRu' },
        { name: 'nameEn', kind: 'text', label: 'intake.registration.fields.nameEn', optional: true },
        { name: 'sector', kind: 'radios', label: 'intake.registration.fields.sector', choices: { values: SECTORS, prefix: 'register.sectors' } },
        { name: 'region', kind: 'radios', label: 'intake.registration.fields.region', choices: { values: REGIONS, prefix: 'register.regions' } },
        { name: 'address', kind: 'textarea', label: 'intake.registration.fields.address', input: { rows: 3 } },
      ],
    },
    {
      id: 'responsible',
      kind: 'form',
      titleKey: 'intake.registration.steps.responsible',
      schema: responsible,
      fields: [
        {
          name: 'responsiblePerson',
          kind: 'text',
          label: 'intake.registration.fields.responsiblePerson',
          hint: 'intake.registration.hints.responsiblePerson',
          input: { autocomplete: 'name', spellcheck: 'false' },
        },
        { name: 'position', kind: 'text', label: 'intake.registration.fields.position', optional: true, input: { autocomplete: 'organization-title' } },
        {
          name: 'contactEmail',
          kind: 'email',
          label: 'intake.registration.fields.contactEmail',
          hint: 'intake.registration.hints.contactEmail',
          input: { autocomplete: 'email', spellcheck: 'false' },
        },
        {
          name: 'contactPhone',
          kind: 'tel',
          label: 'intake.registration.fields.contactPhone',
          optional: true,
          input: { autocomplete: 'tel', width: 'medium' },
        },
        {
          name: 'contactAddress',
          kind: 'textarea',
          label: 'intake.registration.fields.contactAddress',
          hint: 'intake.registration.hints.contactAddress',
          optional: true,
          input: { rows: 3 },
        },
      ],
    },
    ...ARRAY_STEPS.map(arrayStep),
    {
      id: 'declarations',
      kind: 'form',
      titleKey: 'intake.registration.steps.declarations',
      schema: declarations,
      fields: [
        { name: 'accurate', kind: 'confirm', label: 'intake.registration.fields.accurateLegend', statement: 'intake.registration.fields.accurate' },
        { name: 'authorised', kind: 'confirm', label: 'intake.registration.fields.authorisedLegend', statement: 'intake.registration.fields.authorised' },
      ],
    },
    { id: 'check', kind: 'check', titleKey: 'intake.steps.check' },
  ],
};

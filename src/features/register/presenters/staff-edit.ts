/** The entry's edit form: the holder's fields, each array as a group of fields, and one empty group to add an array. */
import { pathTo } from '../../../http/paths.ts';
import type { FormErrors } from '../../../http/validation.ts';
import type { Translate } from '../../../i18n/i18n.ts';
import { ARRAY_TEXT_FIELDS } from '../types.ts';
import type { OrganisationEntry } from '../types.ts';
import { regionChoices, sectorChoices } from './labels.ts';

/** The labels of the array fields (written out: each is checked in every language). */
const ARRAY_LABELS: Record<(typeof ARRAY_TEXT_FIELDS)[number], string> = {
  purposes: 'register.array.purposes',
  methods: 'register.array.methods',
  legalBasis: 'register.array.legalBasis',
  dataCategories: 'register.array.dataCategories',
  subjectCategories: 'register.array.subjectCategories',
  sources: 'register.array.sources',
  subjectsInformed: 'register.array.subjectsInformed',
  retention: 'register.array.retention',
  recipients: 'register.array.recipients',
  securityMeasures: 'register.array.securityMeasures',
};

/** The form's values from the entry as it is. */
export function entryValues(entry: OrganisationEntry): Record<string, unknown> {
  const values: Record<string, unknown> = { ...entry };
  entry.arrays.forEach((array, index) => {
    const prefix = `a${String(index)}_`;
    values[`${prefix}name`] = array.name;
    values[`${prefix}transferCountries`] = array.transferCountries.join(', ');
    for (const field of ARRAY_TEXT_FIELDS) values[`${prefix}${field}`] = array[field];
  });
  return values;
}

export function presentEntryForm(t: Translate, entry: OrganisationEntry, values: Record<string, unknown>, count: number, errors?: FormErrors) {
  const arrays = Array.from({ length: count }, (_, index) => {
    const name = (field: string) => `a${String(index)}_${field}`;
    const isNew = index >= entry.arrays.length;
    return {
      legend: isNew ? t('staffRegister.edit.newArray') : t('staffRegister.edit.array', { name: entry.arrays[index]?.name ?? '' }),
      isNew,
      nameField: { name: name('name'), label: t('staffRegister.fields.arrayName'), value: values[name('name')], error: errors?.byField[name('name')] },
      removeField: { name: name('remove'), checked: values[name('remove')] === 'yes' },
      textFields: [
        ...ARRAY_TEXT_FIELDS.map((field) => ({
          name: name(field),
          label: t(ARRAY_LABELS[field]),
          value: values[name(field)],
          error: errors?.byField[name(field)],
        })),
        {
          name: name('transferCountries'),
          label: t('register.array.transfers'),
          hint: t('staffRegister.edit.countriesHint'),
          value: values[name('transferCountries')],
          error: errors?.byField[name('transferCountries')],
        },
      ],
    };
  });
  return {
    layout: 'staff',
    title: t('staffRegister.edit.title', { number: entry.registrationNumber }),
    action: pathTo('staff.register.edit', { id: entry.id }),
    backHref: pathTo('staff.register.show', { id: entry.id }),
    values,
    errors,
    arrays,
    sectors: sectorChoices(t),
    regions: regionChoices(t),
  };
}

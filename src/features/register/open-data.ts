/**
 * The register as open data: one CSV row per registered array (the organisation's columns repeated) and one JSON
 * object per organisation with its arrays. Column names are the same in both and are described, in every language,
 * on the data-dictionary page (DICTIONARY): changing one is a change of a published format.
 */
import { CSV_BOM, csvField } from '../../lib/csv.ts';
import type { OrganisationEntry } from './types.ts';

type Column = { name: string; of: (entry: OrganisationEntry) => string | null };

const ORGANISATION_COLUMNS: Column[] = [
  { name: 'registration_number', of: (entry) => entry.registrationNumber },
  { name: 'registered_on', of: (entry) => entry.registeredOn },
  { name: 'status', of: (entry) => entry.status },
  { name: 'ceased_on', of: (entry) => entry.ceasedOn },
  { name: 'inn', of: (entry) => entry.inn },
  { name: 'name_ky', of: (entry) => entry.nameKy },
  { name: 'name_ru', of: (entry) => entry.nameRu },
  { name: 'name_en', of: (entry) => entry.nameEn },
  { name: 'sector', of: (entry) => entry.sector },
  { name: 'region', of: (entry) => entry.region },
  { name: 'address', of: (entry) => entry.address },
  { name: 'responsible_person', of: (entry) => entry.responsiblePerson },
  { name: 'contact_email', of: (entry) => entry.contactEmail },
  { name: 'contact_phone', of: (entry) => entry.contactPhone },
  { name: 'contact_address', of: (entry) => entry.contactAddress },
];

/** The array fields, by their open-data names. */
const ARRAY_FIELDS = [
  ['array_name', 'name'],
  ['purposes', 'purposes'],
  ['methods', 'methods'],
  ['legal_basis', 'legalBasis'],
  ['data_categories', 'dataCategories'],
  ['subject_categories', 'subjectCategories'],
  ['sources', 'sources'],
  ['subjects_informed', 'subjectsInformed'],
  ['retention', 'retention'],
  ['recipients', 'recipients'],
  ['transfer_countries', 'transferCountries'],
  ['security_measures', 'securityMeasures'],
] as const;

/** Every column of the CSV, in order (also the fields of the JSON). */
export const OPEN_DATA_COLUMNS: readonly string[] = [...ORGANISATION_COLUMNS.map((column) => column.name), ...ARRAY_FIELDS.map(([name]) => name)];

/** The first line, with a byte-order mark so that spreadsheets read the file as UTF-8. */
export function csvHeader(): string {
  return `${CSV_BOM}${OPEN_DATA_COLUMNS.join(',')}\r\n`;
}

/** An organisation's lines: one per array, or one with empty array columns when it has none. */
export function csvLines(entry: OrganisationEntry): string {
  const organisation = ORGANISATION_COLUMNS.map((column) => csvField(column.of(entry)));
  const arrays = entry.arrays.length ? entry.arrays : [undefined];
  return arrays
    .map((array) => {
      const fields = ARRAY_FIELDS.map(([, key]) => {
        if (!array) return '';
        const value = array[key];
        return csvField(Array.isArray(value) ? value.join(';') : value);
      });
      return `${[...organisation, ...fields].join(',')}\r\n`;
    })
    .join('');
}

/** An organisation as a JSON object: its columns, and its arrays as objects of the array columns. */
export function jsonEntry(entry: OrganisationEntry, url: string): Record<string, unknown> {
  const organisation: Record<string, unknown> = Object.fromEntries(ORGANISATION_COLUMNS.map((column) => [column.name, column.of(entry)]));
  organisation.url = url;
  organisation.arrays = entry.arrays.map((array) => Object.fromEntries(ARRAY_FIELDS.map(([name, key]) => [name, array[key]])));
  return organisation;
}

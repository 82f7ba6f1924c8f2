/**
 * The official register's CSV export read as register entries (pure): the column mapping (a documented JSON
 * file, seeds/register-import/), each row checked with its line number, the rows of one registration number
 * gathered into one entry. Nothing here writes; see import.ts.
 */
import { z } from 'zod';
import type { CsvRecord } from './csv.ts';
import { innProblem, normaliseInn } from './inn.ts';
import { parseCountries, REGIONS, SECTORS, type Region, type Sector } from './reference-data.ts';
import { ARRAY_TEXT_FIELDS, type DataArray, type EntryInput } from './types.ts';

const FIELDS = [
  'registrationNumber',
  'registeredOn',
  'inn',
  'nameKy',
  'nameRu',
  'nameEn',
  'sector',
  'region',
  'address',
  'responsiblePerson',
  'contactEmail',
  'contactPhone',
  'contactAddress',
  'arrayName',
  ...ARRAY_TEXT_FIELDS,
  'transferCountries',
] as const;
type FieldName = (typeof FIELDS)[number];
const REQUIRED: readonly FieldName[] = [
  'registrationNumber',
  'registeredOn',
  'inn',
  'nameKy',
  'nameRu',
  'sector',
  'region',
  'address',
  'responsiblePerson',
  'arrayName',
];

export const columnMapping = z.object({
  delimiter: z.string().length(1).default(','),
  dateFormat: z.literal('DD.MM.YYYY').default('DD.MM.YYYY'),
  columns: z.partialRecord(z.enum(FIELDS), z.string().min(1)),
  sectors: z.record(z.string(), z.enum(SECTORS)).default({}),
  regions: z.record(z.string(), z.enum(REGIONS)).default({}),
});
export type ColumnMapping = z.output<typeof columnMapping>;

export interface RowProblem {
  line: number;
  message: string;
}

export interface ImportedEntry {
  registrationNumber: string;
  registeredOn: string;
  entry: EntryInput;
  /** The line of the entry's first row. */
  line: number;
}

function isoDate(value: string): string | undefined {
  const dotted = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(value);
  const iso = dotted ? `${dotted[3] ?? ''}-${dotted[2] ?? ''}-${dotted[1] ?? ''}` : value;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return undefined;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso) ? iso : undefined;
}

type Row = Record<FieldName, string>;

function rowProblems(row: Row, mapping: ColumnMapping): string[] {
  const problems = REQUIRED.filter((field) => row[field] === '').map((field) => `${mapping.columns[field] ?? field}: empty`);
  if (row.registrationNumber && !/^\d{4}-\d{5,9}$/.test(row.registrationNumber))
    problems.push(`registration number "${row.registrationNumber}" is not YYYY-NNNNN`);
  if (row.registeredOn && !isoDate(row.registeredOn)) problems.push(`date of registration "${row.registeredOn}" is not a date`);
  const inn = normaliseInn(row.inn);
  if (row.inn && innProblem(inn)) problems.push(`INN "${row.inn}" is not a valid 14-digit INN`);
  if (row.sector && !sectorOf(row.sector, mapping)) problems.push(`sector "${row.sector}" is not in the mapping`);
  if (row.region && !regionOf(row.region, mapping)) problems.push(`region "${row.region}" is not in the mapping`);
  const unknown = parseCountries(row.transferCountries).unknown;
  if (unknown.length) problems.push(`not countries: ${unknown.join(', ')}`);
  return problems;
}

function sectorOf(value: string, mapping: ColumnMapping): Sector | undefined {
  return mapping.sectors[value] ?? ((SECTORS as readonly string[]).find((code) => code === value) as Sector | undefined);
}

function regionOf(value: string, mapping: ColumnMapping): Region | undefined {
  return mapping.regions[value] ?? ((REGIONS as readonly string[]).find((code) => code === value) as Region | undefined);
}

const orNull = (value: string): string | null => (value === '' ? null : value);

function arrayOf(row: Row): DataArray {
  return {
    name: row.arrayName,
    purposes: row.purposes,
    methods: row.methods,
    legalBasis: row.legalBasis,
    dataCategories: row.dataCategories,
    subjectCategories: row.subjectCategories,
    sources: row.sources,
    subjectsInformed: row.subjectsInformed,
    retention: row.retention,
    recipients: row.recipients,
    transferCountries: parseCountries(row.transferCountries).codes,
    securityMeasures: row.securityMeasures,
  };
}

function entryOf(row: Row, mapping: ColumnMapping, line: number): ImportedEntry {
  return {
    registrationNumber: row.registrationNumber,
    registeredOn: isoDate(row.registeredOn) ?? row.registeredOn,
    line,
    entry: {
      inn: normaliseInn(row.inn),
      nameKy: row.nameKy,
      nameRu: row.nameRu,
      nameEn: orNull(row.nameEn),
      sector: sectorOf(row.sector, mapping) ?? 'other',
      region: regionOf(row.region, mapping) ?? 'bishkek',
      address: row.address,
      responsiblePerson: row.responsiblePerson,
      contactEmail: orNull(row.contactEmail),
      contactPhone: orNull(row.contactPhone),
      contactAddress: orNull(row.contactAddress),
      arrays: [],
    },
  };
}

/** Every row checked (problems with line numbers) and the rows gathered into entries by registration number. */
export function readImport(records: readonly CsvRecord[], mapping: ColumnMapping): { entries: ImportedEntry[]; problems: RowProblem[] } {
  const [header, ...rows] = records;
  if (!header) return { entries: [], problems: [{ line: 1, message: 'the file is empty' }] };
  const index = new Map(header.fields.map((name, position) => [name.trim(), position]));
  const missing = REQUIRED.filter((field) => !index.has(mapping.columns[field] ?? ''));
  if (missing.length)
    return {
      entries: [],
      problems: [{ line: header.line, message: `missing columns: ${missing.map((field) => mapping.columns[field] ?? field).join(', ')}` }],
    };
  const problems: RowProblem[] = [];
  const byNumber = new Map<string, ImportedEntry>();
  const numberOfInn = new Map<string, string>();
  for (const record of rows) {
    const row = Object.fromEntries(FIELDS.map((field) => [field, (record.fields[index.get(mapping.columns[field] ?? '') ?? -1] ?? '').trim()])) as Row;
    const found = rowProblems(row, mapping);
    const inn = normaliseInn(row.inn);
    const other = numberOfInn.get(inn);
    if (!found.length && other && other !== row.registrationNumber) found.push(`INN ${inn} is already under number ${other}`);
    const entry = byNumber.get(row.registrationNumber);
    if (!found.length && entry?.entry.arrays.some((array) => array.name.toLowerCase() === row.arrayName.toLowerCase()))
      found.push(`array "${row.arrayName}" appears twice`);
    if (found.length) {
      problems.push(...found.map((message) => ({ line: record.line, message })));
      continue;
    }
    const target = entry ?? entryOf(row, mapping, record.line);
    target.entry.arrays.push(arrayOf(row));
    byNumber.set(row.registrationNumber, target);
    numberOfInn.set(inn, row.registrationNumber);
  }
  return { entries: [...byNumber.values()], problems };
}

/** Register entries for tests, made through the register's own service: defaults plus overrides, unique ИНН. */
import { randomInt } from 'node:crypto';
import { addEntry } from '../../src/features/register/entries.ts';
import type { DataArray, EntryInput } from '../../src/features/register/types.ts';
import { testDatabase } from './database.ts';

/** A structurally valid ИНН of a legal entity nobody else in the run has (a random registration date and tail). */
function uniqueInn(): string {
  const day = String(randomInt(1, 29)).padStart(2, '0');
  const month = String(randomInt(1, 13)).padStart(2, '0');
  return `0${day}${month}${String(randomInt(1995, 2025))}${String(randomInt(0, 100_000)).padStart(5, '0')}`;
}

export function testArray(overrides: Partial<DataArray> = {}): DataArray {
  return {
    name: 'Customers',
    purposes: 'Keeping accounts',
    methods: 'Automated',
    legalBasis: 'Contract',
    dataCategories: 'Name, passport, address',
    subjectCategories: 'Customers',
    sources: 'The customers themselves',
    subjectsInformed: 'Privacy notice',
    retention: '5 years',
    recipients: 'The National Bank',
    transferCountries: ['KZ'],
    securityMeasures: 'Role-based access, encryption',
    ...overrides,
  };
}

function testEntry(overrides: Partial<EntryInput> = {}): EntryInput {
  return {
    inn: uniqueInn(),
    nameKy: '«Тест» ЖЧК',
    nameRu: 'ОсОО «Тест»',
    nameEn: null,
    sector: 'banking',
    region: 'bishkek',
    address: 'Bishkek, Chui Avenue 1',
    responsiblePerson: 'Aigul Asanova',
    contactEmail: 'privacy@test.example.kg',
    contactPhone: null,
    contactAddress: null,
    arrays: [testArray()],
    ...overrides,
  };
}

export async function createOrganisation(overrides: Partial<EntryInput> = {}): Promise<{ id: number; registrationNumber: string; inn: string }> {
  const entry = testEntry(overrides);
  const created = await testDatabase().knex.transaction((trx) => addEntry(trx, entry, { on: '2026-03-02' }, { source: 'test' }));
  return { ...created, inn: entry.inn };
}

/**
 * A structurally valid ИНН from a seed, for tests that type one into the application form: `year` keeps the ИНН
 * of different test files apart (they may share a database).
 */
export function seededInn(seed: number, year: string): string {
  return `0${String((seed % 28) + 1).padStart(2, '0')}0${String((seed % 9) + 1)}${year}${String(seed).padStart(5, '0').slice(-5)}`;
}

/** The answers to one array's step of the application form, in Kyrgyz, but its name, transfers and "another". */
export const ARRAY_ANSWERS = {
  purposes: 'Кардарларды тейлөө',
  methods: 'Автоматташтырылган',
  legalBasis: 'Келишим',
  dataCategories: 'Аты-жөнү, телефон',
  subjectCategories: 'Кардарлар',
  sources: 'Кардарлардын өздөрү',
  subjectsInformed: 'Сайттагы купуялуулук саясаты',
  retention: '5 жыл',
  recipients: 'Жок',
  securityMeasures: 'Ролдор боюнча кирүү',
};

/**
 * The register application between its journey, its case and the register (pure): the answers as the stored
 * case keeps them (the contact person among the case's parties, the rest in `answers`), the answers rebuilt
 * from a stored case, and the register entry an approved case becomes.
 */
import type { Language } from '../../config.ts';
import type { NewCase } from '../cases/submission.ts';
import { countryName, parseCountries, REGIONS, SECTORS, type Region, type Sector } from '../register/reference-data.ts';
import { ARRAY_TEXT_FIELDS, type DataArray, type EntryInput } from '../register/types.ts';
import type { Answers } from './journey.ts';
import { ARRAY_STEPS } from './registration-schemas.ts';

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const orNull = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);
const record = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

const ARRAY_KEYS = ['name', ...ARRAY_TEXT_FIELDS, 'transferCountries'] as const;

/** The arrays the application lists, in order (the steps that were asked). */
function arraysOf(answers: Answers): Record<string, unknown>[] {
  return ARRAY_STEPS.map((id) => answers[id])
    .filter((values): values is Record<string, unknown> => values !== undefined)
    .map((values) => Object.fromEntries(ARRAY_KEYS.map((key) => [key, text(values[key])])));
}

/**
 * The register entry an application changes, when its holder started it from their registered entry: its
 * arrays replace the entry's, and its ИНН stays the entry's. Kept in the draft's and the case's answers.
 */
export interface Amends {
  organisationId: number;
  registrationNumber: string;
  inn: string;
}

export function amendsOf(answers: Record<string, unknown>): Amends | undefined {
  const amends = record(answers.amends);
  const { organisationId, registrationNumber, inn } = amends;
  return typeof organisationId === 'number' && typeof registrationNumber === 'string' && typeof inn === 'string'
    ? { organisationId, registrationNumber, inn }
    : undefined;
}

/** A registered entry as the journey's answers, offered in its forms for the holder to change (declarations asked again). */
export function registrationPrefill(entry: EntryInput, lang: Language): Answers {
  const arrays = entry.arrays.slice(0, ARRAY_STEPS.length);
  return {
    organisation: {
      inn: entry.inn,
      nameKy: entry.nameKy,
      nameRu: entry.nameRu,
      nameEn: entry.nameEn ?? '',
      sector: entry.sector,
      region: entry.region,
      address: entry.address,
    },
    responsible: {
      responsiblePerson: entry.responsiblePerson,
      position: '',
      contactEmail: entry.contactEmail ?? '',
      contactPhone: entry.contactPhone ?? '',
      contactAddress: entry.contactAddress ?? '',
    },
    ...Object.fromEntries(
      arrays.map((array, index) => [
        ARRAY_STEPS[index] ?? 'array-1',
        {
          ...array,
          transferCountries: array.transferCountries.map((code) => countryName(code, lang)).join(', '),
          anotherArray: index < arrays.length - 1 ? 'yes' : 'no',
        },
      ]),
    ),
  };
}

export function registrationCase(answers: Answers, base: Pick<NewCase, 'submissionToken' | 'requestId'>, pageLang: Language): NewCase {
  const organisation = answers.organisation ?? {};
  const contact = answers.responsible ?? {};
  return {
    ...base,
    type: 'registration',
    language: pageLang,
    organisationName: text(pageLang === 'ky' ? organisation.nameKy : organisation.nameRu),
    organisationInn: orNull(organisation.inn),
    sector: null,
    anonymous: false,
    answers: { organisation, arrays: arraysOf(answers), ...(answers.amends ? { amends: answers.amends } : {}) },
    parties: [
      {
        role: 'contact',
        full_name: orNull(contact.responsiblePerson),
        email: orNull(contact.contactEmail),
        postal_address: orNull(contact.contactAddress),
        phone: orNull(contact.contactPhone),
        position: orNull(contact.position),
        preferred_language: pageLang,
        identity_may_be_shared: true,
      },
    ],
    acknowledgeTo: orNull(contact.contactEmail),
    followUpOf: null,
  };
}

/** What a stored application's contact person is (as submitCase stores them). */
interface ContactParty {
  full_name: string | null;
  email: string | null;
  postal_address: string | null;
  phone: string | null;
  position: string | null;
}

/** Each step's answers from a stored application, to show it with the journey's own questions. */
export function registrationAnswers(stored: { answers: Record<string, unknown> }, party: ContactParty | undefined): Answers {
  const arrays = Array.isArray(stored.answers.arrays) ? stored.answers.arrays.map(record) : [];
  return {
    organisation: record(stored.answers.organisation),
    responsible: {
      responsiblePerson: party?.full_name ?? '',
      position: party?.position ?? '',
      contactEmail: party?.email ?? '',
      contactPhone: party?.phone ?? '',
      contactAddress: party?.postal_address ?? '',
    },
    ...Object.fromEntries(
      arrays.map((array, index) => [ARRAY_STEPS[index] ?? `array-${String(index + 1)}`, { ...array, anotherArray: index < arrays.length - 1 ? 'yes' : 'no' }]),
    ),
    declarations: { accurate: 'yes', authorised: 'yes' },
  };
}

const oneOf = <T extends string>(values: readonly T[], value: unknown, fallback: T): T => (values.includes(value as T) ? (value as T) : fallback);

/** The register entry an approved application becomes. */
export function entryFromApplication(stored: { answers: Record<string, unknown> }, party: ContactParty | undefined): EntryInput {
  const answers = registrationAnswers(stored, party);
  const organisation = answers.organisation ?? {};
  const arrays: DataArray[] = ARRAY_STEPS.flatMap((id) => {
    const values = answers[id];
    if (!values) return [];
    const array = Object.fromEntries(ARRAY_KEYS.map((key) => [key, text(values[key]).trim()])) as Record<(typeof ARRAY_KEYS)[number], string>;
    return [{ ...array, transferCountries: parseCountries(array.transferCountries).codes }];
  });
  return {
    inn: text(organisation.inn),
    nameKy: text(organisation.nameKy).trim(),
    nameRu: text(organisation.nameRu).trim(),
    nameEn: orNull(organisation.nameEn),
    sector: oneOf<Sector>(SECTORS, organisation.sector, 'other'),
    region: oneOf<Region>(REGIONS, organisation.region, 'bishkek'),
    address: text(organisation.address).trim(),
    responsiblePerson: party?.full_name ?? '',
    contactEmail: party?.email ?? null,
    contactPhone: party?.phone ?? null,
    contactAddress: party?.postal_address ?? null,
    arrays,
  };
}

/** An entry of the register as the feature passes it around: camelCase, arrays included. */
import type { Region, Sector } from './reference-data.ts';

/** An array's free-text fields (all of resolution No. 638's but its name and the transfer countries), in form order. */
export const ARRAY_TEXT_FIELDS = [
  'purposes',
  'methods',
  'legalBasis',
  'dataCategories',
  'subjectCategories',
  'sources',
  'subjectsInformed',
  'retention',
  'recipients',
  'securityMeasures',
] as const satisfies readonly (keyof DataArray)[];

/** One registered array of personal data: the fields resolution No. 638 lists. */
export interface DataArray {
  name: string;
  purposes: string;
  methods: string;
  legalBasis: string;
  dataCategories: string;
  subjectCategories: string;
  sources: string;
  subjectsInformed: string;
  retention: string;
  recipients: string;
  /** ISO 3166-1 alpha-2 codes; empty when the data does not leave the country. */
  transferCountries: string[];
  securityMeasures: string;
}

/** What describes the holder, as an applicant or staff give it (no number or date: registration assigns them). */
interface HolderDetails {
  inn: string;
  nameKy: string;
  nameRu: string;
  nameEn: string | null;
  sector: Sector;
  region: Region;
  address: string;
  responsiblePerson: string;
  contactEmail: string | null;
  contactPhone: string | null;
  contactAddress: string | null;
}

export interface EntryInput extends HolderDetails {
  arrays: DataArray[];
}

export interface Organisation extends HolderDetails {
  id: number;
  registrationNumber: string;
  /** YYYY-MM-DD */
  registeredOn: string;
  status: 'registered' | 'ceased';
  /** YYYY-MM-DD */
  ceasedOn: string | null;
  updatedAt: Date;
}

export interface OrganisationEntry extends Organisation {
  arrays: DataArray[];
}

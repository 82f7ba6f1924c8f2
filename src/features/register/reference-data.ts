/**
 * The register's closed lists: sectors, regions and countries, as codes. Names are translations (sectors,
 * regions) or come from the runtime's CLDR data (countries, Intl.DisplayNames), so a code never reaches a page.
 */
import type { Language } from '../../config.ts';

export const SECTORS = [
  'banking',
  'microfinance',
  'insurance',
  'telecoms',
  'internet',
  'healthcare',
  'education',
  'public_administration',
  'retail',
  'transport',
  'utilities',
  'employment',
  'other',
] as const;
export type Sector = (typeof SECTORS)[number];

/** The regions, the two cities of republican significance first. */
export const REGIONS = ['bishkek', 'osh_city', 'chuy', 'issyk_kul', 'naryn', 'talas', 'jalal_abad', 'osh', 'batken'] as const;
export type Region = (typeof REGIONS)[number];

const countryNames = new Map<Language, Intl.DisplayNames>();

/** A country's name in the page language. */
export function countryName(code: string, lang: Language): string {
  let names = countryNames.get(lang);
  if (!names) {
    names = new Intl.DisplayNames([lang], { type: 'region' });
    countryNames.set(lang, names);
  }
  return names.of(code) ?? code;
}

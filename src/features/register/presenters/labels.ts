/** The names of sectors and regions, as translation keys written out in full (each checked in every language). */
import type { Translate } from '../../../i18n/i18n.ts';
import { REGIONS, SECTORS, type Region, type Sector } from '../reference-data.ts';

const SECTOR_KEYS: Record<Sector, string> = {
  banking: 'register.sectors.banking',
  microfinance: 'register.sectors.microfinance',
  insurance: 'register.sectors.insurance',
  telecoms: 'register.sectors.telecoms',
  internet: 'register.sectors.internet',
  healthcare: 'register.sectors.healthcare',
  education: 'register.sectors.education',
  public_administration: 'register.sectors.public_administration',
  retail: 'register.sectors.retail',
  transport: 'register.sectors.transport',
  utilities: 'register.sectors.utilities',
  employment: 'register.sectors.employment',
  other: 'register.sectors.other',
};

const REGION_KEYS: Record<Region, string> = {
  bishkek: 'register.regions.bishkek',
  osh_city: 'register.regions.osh_city',
  chuy: 'register.regions.chuy',
  issyk_kul: 'register.regions.issyk_kul',
  naryn: 'register.regions.naryn',
  talas: 'register.regions.talas',
  jalal_abad: 'register.regions.jalal_abad',
  osh: 'register.regions.osh',
  batken: 'register.regions.batken',
};

export function sectorLabel(t: Translate, sector: Sector): string {
  return t(SECTOR_KEYS[sector]);
}

export function regionLabel(t: Translate, region: Region): string {
  return t(REGION_KEYS[region]);
}

export function sectorChoices(t: Translate): { value: string; label: string }[] {
  return SECTORS.map((sector) => ({ value: sector, label: sectorLabel(t, sector) }));
}

export function regionChoices(t: Translate): { value: string; label: string }[] {
  return REGIONS.map((region) => ({ value: region, label: regionLabel(t, region) }));
}

/** An ИНН as people read it: the 14 digits in groups of four, joined by no-break spaces. */
export function spacedInn(inn: string): string {
  return inn.replace(/(\d{4})(?=\d)/g, '$1\u00a0');
}

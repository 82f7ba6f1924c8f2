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

/** ISO 3166-1 alpha-2, every officially assigned code. */
const COUNTRIES = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
  'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO ' +
  'FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE ' +
  'JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO ' +
  'MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW ' +
  'PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM ' +
  'TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
).split(' ');

/** Every spelling a country is known by (its code, its names in ky, ru and en), folded, to its code. */
let spellings: Map<string, string> | undefined;

const fold = (text: string): string =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s.'’()-]+/g, ' ')
    .trim();

function countrySpellings(): Map<string, string> {
  if (!spellings) {
    spellings = new Map();
    for (const code of COUNTRIES) {
      spellings.set(fold(code), code);
      for (const lang of ['ky', 'ru', 'en'] as const) spellings.set(fold(countryName(code, lang)), code);
    }
  }
  return spellings;
}

/**
 * Countries typed as a list (commas, semicolons or new lines between them), by name in any of the portal's
 * languages or by ISO code: their codes, and whatever is not a country in the list, as typed.
 */
export function parseCountries(typed: string): { codes: string[]; unknown: string[] } {
  const codes: string[] = [];
  const unknown: string[] = [];
  for (const part of typed
    .split(/[,;\n]+/)
    .map((item) => item.trim())
    .filter(Boolean)) {
    const code = countrySpellings().get(fold(part));
    if (code) {
      if (!codes.includes(code)) codes.push(code);
    } else unknown.push(part);
  }
  return { codes, unknown };
}

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

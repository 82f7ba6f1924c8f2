/** One organisation's entry: who holds the data, how to reach them about it, and each registered array. */
import type { Language } from '../../../config.ts';
import { pathTo } from '../../../http/paths.ts';
import type { Translate } from '../../../i18n/i18n.ts';
import { countryName } from '../reference-data.ts';
import { organisationName } from '../service.ts';
import type { DataArray, OrganisationEntry } from '../types.ts';
import { regionLabel, sectorLabel, spacedInn } from './labels.ts';

function presentArray(t: Translate, lang: Language, array: DataArray, index: number) {
  return {
    id: `array-${String(index + 1)}`,
    name: array.name,
    rows: [
      { label: t('register.array.purposes'), value: array.purposes },
      { label: t('register.array.methods'), value: array.methods },
      { label: t('register.array.legalBasis'), value: array.legalBasis },
      { label: t('register.array.dataCategories'), value: array.dataCategories },
      { label: t('register.array.subjectCategories'), value: array.subjectCategories },
      { label: t('register.array.sources'), value: array.sources },
      { label: t('register.array.subjectsInformed'), value: array.subjectsInformed },
      { label: t('register.array.retention'), value: array.retention },
      { label: t('register.array.recipients'), value: array.recipients },
      {
        label: t('register.array.transfers'),
        value: array.transferCountries.length ? array.transferCountries.map((code) => countryName(code, lang)).join(', ') : t('register.array.noTransfers'),
      },
      { label: t('register.array.securityMeasures'), value: array.securityMeasures },
    ],
  };
}

/** `?organisation=<number>` on a form's URL: the form starts with this organisation filled in. */
function withOrganisation(href: string, entry: OrganisationEntry): string {
  return `${href}?organisation=${encodeURIComponent(entry.registrationNumber)}`;
}

export function presentEntry(t: Translate, lang: Language, entry: OrganisationEntry) {
  const name = organisationName(entry, lang);
  const contact = [entry.responsiblePerson, entry.contactEmail, entry.contactPhone, entry.contactAddress].filter((part): part is string => Boolean(part));
  return {
    title: name,
    ceased: entry.status === 'ceased',
    ceasedOn: entry.ceasedOn,
    details: [
      { label: t('register.fields.nameKy'), value: entry.nameKy, lang: 'ky' },
      { label: t('register.fields.nameRu'), value: entry.nameRu, lang: 'ru' },
      ...(entry.nameEn ? [{ label: t('register.fields.nameEn'), value: entry.nameEn, lang: 'en' }] : []),
      { label: t('register.fields.inn'), value: spacedInn(entry.inn) },
      { label: t('register.fields.registrationNumber'), value: entry.registrationNumber },
      { label: t('register.fields.registeredOn'), date: entry.registeredOn },
      { label: t('register.fields.address'), value: entry.address },
      { label: t('register.fields.sector'), value: sectorLabel(t, entry.sector) },
      { label: t('register.fields.region'), value: regionLabel(t, entry.region) },
    ],
    contact,
    contactEmail: entry.contactEmail,
    arrays: entry.arrays.map((array, index) => presentArray(t, lang, array, index)),
    letterHref: withOrganisation(pathTo('letters.form', { lang }), entry),
    complaintHref: withOrganisation(pathTo('intake.start', { lang, journey: 'complaints' }), entry),
    breadcrumbs: [
      { text: t('common.home'), href: pathTo('home', { lang }) },
      { text: t('register.title'), href: pathTo('register.index', { lang }) },
      { text: name },
    ],
  };
}

/** The open-data page: the two files, and what each field of them holds (the data dictionary). */
import type { Language } from '../../../config.ts';
import { pathTo } from '../../../http/paths.ts';
import type { Translate } from '../../../i18n/i18n.ts';
import { OPEN_DATA_COLUMNS } from '../open-data.ts';

/** Each field's description, written out (checked in every language); the JSON-only fields last. */
const DESCRIPTIONS: Record<string, string> = {
  registration_number: 'register.dictionary.registration_number',
  registered_on: 'register.dictionary.registered_on',
  status: 'register.dictionary.status',
  ceased_on: 'register.dictionary.ceased_on',
  inn: 'register.dictionary.inn',
  name_ky: 'register.dictionary.name_ky',
  name_ru: 'register.dictionary.name_ru',
  name_en: 'register.dictionary.name_en',
  sector: 'register.dictionary.sector',
  region: 'register.dictionary.region',
  address: 'register.dictionary.address',
  responsible_person: 'register.dictionary.responsible_person',
  contact_email: 'register.dictionary.contact_email',
  contact_phone: 'register.dictionary.contact_phone',
  contact_address: 'register.dictionary.contact_address',
  array_name: 'register.dictionary.array_name',
  purposes: 'register.dictionary.purposes',
  methods: 'register.dictionary.methods',
  legal_basis: 'register.dictionary.legal_basis',
  data_categories: 'register.dictionary.data_categories',
  subject_categories: 'register.dictionary.subject_categories',
  sources: 'register.dictionary.sources',
  subjects_informed: 'register.dictionary.subjects_informed',
  retention: 'register.dictionary.retention',
  recipients: 'register.dictionary.recipients',
  transfer_countries: 'register.dictionary.transfer_countries',
  security_measures: 'register.dictionary.security_measures',
  url: 'register.dictionary.url',
  arrays: 'register.dictionary.arrays',
};

export function presentOpenData(t: Translate, lang: Language) {
  return {
    title: t('register.openData.title'),
    csvHref: pathTo('register.csv', { lang }),
    jsonHref: pathTo('register.json', { lang }),
    fields: [...OPEN_DATA_COLUMNS, 'url', 'arrays'].map((name) => ({ name, description: t(DESCRIPTIONS[name] ?? name) })),
    breadcrumbs: [
      { text: t('common.home'), href: pathTo('home', { lang }) },
      { text: t('register.title'), href: pathTo('register.index', { lang }) },
      { text: t('register.openData.title') },
    ],
  };
}

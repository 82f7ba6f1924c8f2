/**
 * `npm run seed:volume -- --organisations 50000`: a register at national scale to measure the public search
 * with — invented organisations in every sector and region with four arrays each on average, written in batches
 * straight to the tables (no history or audit events: they are not changes anyone made).
 */
import { randomInt } from 'node:crypto';
import type { Knex } from 'knex';
import { formatRegistrationNumber, searchTextOf } from './entries.ts';
import { insertVolumeBatch, reserveNumbers } from './entries-repository.ts';
import { REGIONS, SECTORS } from './reference-data.ts';
import type { DataArray, EntryInput } from './types.ts';

const WORDS_KY = ['Ала-Тоо', 'Ысык-Көл', 'Нур', 'Береке', 'Ынтымак', 'Тулпар', 'Айчүрөк', 'Кут', 'Асыл', 'Манас', 'Жаштык', 'Акылман', 'Дөөлөт', 'Сапат'];
const WORDS_RU = ['Ала-Тоо', 'Иссык-Куль', 'Нур', 'Береке', 'Ынтымак', 'Тулпар', 'Айчурек', 'Кут', 'Асыл', 'Манас', 'Жаштык', 'Акылман', 'Довлет', 'Сапат'];
const KINDS: [string, string, string][] = [
  ['Банк', 'Банк', 'Bank'],
  ['Телеком', 'Телеком', 'Telecom'],
  ['Клиника', 'Клиника', 'Clinic'],
  ['Лицей', 'Лицей', 'Lyceum'],
  ['Соода', 'Торговля', 'Trade'],
  ['Транс', 'Транс', 'Trans'],
  ['Кредит', 'Кредит', 'Credit'],
  ['Камсыздандыруу', 'Страхование', 'Insurance'],
];
const ARRAY_NAMES = [
  'Кардарлар / Клиенты',
  'Кызматкерлер / Работники',
  'Видеобайкоо / Видеонаблюдение',
  'Абоненттер / Абоненты',
  'Бейтаптар / Пациенты',
  'Окуучулар / Учащиеся',
];

const pick = <T>(list: readonly T[]): T => list[randomInt(list.length)] as T;

function volumeArray(name: string): DataArray {
  return {
    name,
    purposes: 'Оказание услуг и исполнение договоров',
    methods: 'Автоматизированная обработка',
    legalBasis: 'Договор; согласие субъекта',
    dataCategories: 'ФИО, паспортные данные, адрес, телефон',
    subjectCategories: 'Клиенты',
    sources: 'Сами субъекты',
    subjectsInformed: 'Политика конфиденциальности',
    retention: '5 лет',
    recipients: 'Нет',
    transferCountries: randomInt(10) === 0 ? ['KZ'] : [],
    securityMeasures: 'Разграничение доступа, резервное копирование',
  };
}

function volumeEntry(serial: number): EntryInput {
  const word = randomInt(WORDS_KY.length);
  const [kindKy, kindRu, kindEn] = pick(KINDS);
  const suffix = String(serial);
  const inn = `0${String(randomInt(1, 29)).padStart(2, '0')}${String(randomInt(1, 13)).padStart(2, '0')}${String(randomInt(1995, 2025))}${String(serial % 100_000).padStart(5, '0')}`;
  const count = randomInt(1, 8);
  const names = [...ARRAY_NAMES].sort(() => randomInt(3) - 1).slice(0, Math.min(count, ARRAY_NAMES.length));
  return {
    inn,
    nameKy: `«${WORDS_KY[word] ?? ''} ${kindKy} ${suffix}» ЖЧК`,
    nameRu: `ОсОО «${WORDS_RU[word] ?? ''} ${kindRu} ${suffix}»`,
    nameEn: randomInt(2) ? `${WORDS_RU[word] ?? ''} ${kindEn} ${suffix} LLC` : null,
    sector: pick(SECTORS),
    region: pick(REGIONS),
    address: `${pick(['г. Бишкек', 'г. Ош', 'г. Каракол', 'г. Нарын', 'г. Талас'])}, ул. Ленина, ${String(randomInt(1, 300))}`,
    responsiblePerson: 'Ответственный за обработку',
    contactEmail: `privacy${suffix}@example.kg`,
    contactPhone: null,
    contactAddress: null,
    arrays: names.map(volumeArray),
  };
}

/** Adds `total` organisations, `batch` at a time, reporting how many are in. */
export async function seedRegisterVolume(knex: Knex, total: number, onProgress: (inserted: number) => void, batch = 1000): Promise<void> {
  const year = String(new Date().getFullYear());
  for (let inserted = 0; inserted < total;) {
    const size = Math.min(batch, total - inserted);
    await knex.transaction(async (trx) => {
      const first = await reserveNumbers(trx, size);
      const entries = Array.from({ length: size }, (_, index) => volumeEntry(first + index));
      await insertVolumeBatch(
        trx,
        entries.map((entry, index) => ({ entry, number: formatRegistrationNumber(year, first + index), searchText: searchTextOf(entry) })),
      );
    });
    inserted += size;
    onProgress(inserted);
  }
}

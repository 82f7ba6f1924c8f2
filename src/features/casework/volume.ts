/**
 * Realistic volume for measuring the queue: cases spread over the last three years, with the mix of types,
 * statuses, sectors, languages and assignees a busy authority would have, inserted by PostgreSQL in batches
 * (generate_series), numbered from each year's reference counter so later submissions never collide.
 */
import type { Knex } from 'knex';
import { SECTORS } from './schemas.ts';
import { analyzeCases, insertVolumeBatch, insertVolumeOfficer, reserveReferences, volumeOfficerIds } from './volume-repository.ts';

const ORGANISATIONS = [
  'Optima Bank',
  'Bakai Bank',
  'Demir Bank',
  'KICB',
  'MBank',
  'Aiyl Bank',
  'RSK Bank',
  'Kompanion Finance',
  'Bai-Tushum',
  'FINCA Kyrgyzstan',
  'MegaCom',
  'Beeline Kyrgyzstan',
  'O!',
  'Aknet',
  'Saima Telecom',
  'Kyrgyztelecom',
  'Городская клиническая больница № 1',
  'Национальный госпиталь',
  'Медицинский центр «Здоровье»',
  'Аптека «Неман»',
  'Бишкекская школа № 5',
  'Ош мамлекеттик университети',
  'КГТУ им. И. Раззакова',
  'Детский сад «Балапан»',
  'Globus',
  'Narodnyi',
  'Frunze Market',
  'Бишкекглавархитектура',
  'Мэрия города Ош',
  'ЦОН «Тундук»',
  'Social Fund',
  'Tax Service office 3',
  'ОсОО «Кыргыз Курулуш»',
  'ОсОО «Ала-Тоо Сервис»',
  'Yandex Go',
  'Namba Food',
  'Lalafo',
  'Kaktus Media',
  'ОсОО «Теплоснабжение»',
  'Бишкекводоканал',
];

const DESCRIPTIONS = [
  'They refused to give me a copy of my personal data after my written request.',
  'Мои данные передали коллекторскому агентству без моего согласия.',
  'Менин телефон номеримди жарнамалык SMS жөнөтүү үчүн колдонушту.',
  'Камеры видеонаблюдения установлены в раздевалке для сотрудников.',
  'A database of customers with passport numbers was published online.',
  'Мектеп балдардын сүрөттөрүн ата-энелердин макулдугусуз жарыялады.',
  'Банк отказался исправить неверные сведения в кредитной истории.',
  'My employer shares my medical certificate with all colleagues.',
];

async function ensureVolumeOfficers(knex: Knex, count: number): Promise<number[]> {
  const existing = await volumeOfficerIds(knex);
  for (let index = existing.length; index < count; index++) {
    const number = String(index + 1);
    const officer = {
      email: `volume-officer-${number}@ukuk.invalid`,
      display_name: `Officer ${number}`,
      role: index === 0 ? 'supervisor' : 'case_officer',
      language: (['ky', 'ru', 'en'] as const)[index % 3] ?? 'ky',
    };
    const id = await insertVolumeOfficer(knex, officer);
    if (id !== undefined) existing.push(id);
  }
  return existing;
}

/**
 * Inserts `count` cases received evenly between `from` and `to` (one year's share), numbered after the
 * year's counter; calls `onBatch` with the rows inserted so far.
 */
async function insertVolumeYear(
  knex: Knex,
  options: { year: number; count: number; from: Date; to: Date; officers: number[]; batchSize: number; onBatch: (inserted: number) => void },
): Promise<void> {
  const { year, count, from, to, officers } = options;
  const base = await reserveReferences(knex, year, count);
  const stepMs = (to.getTime() - from.getTime()) / count;
  for (let done = 0; done < count; done += options.batchSize) {
    const size = Math.min(options.batchSize, count - done);
    await insertVolumeBatch(knex, {
      year,
      base,
      organisations: ORGANISATIONS,
      sectors: SECTORS,
      descriptions: DESCRIPTIONS,
      officers,
      from,
      stepMs,
      done,
      size,
    });
    options.onBatch(done + size);
  }
}
/** `count` cases over the last three years (the current one up to now), each year's share by its length. */
export async function seedVolume(knex: Knex, count: number, options: { officers: number; onProgress: (inserted: number) => void }): Promise<void> {
  const officers = await ensureVolumeOfficers(knex, options.officers);
  const now = new Date();
  const thisYear = now.getUTCFullYear();
  const spans = [thisYear - 2, thisYear - 1, thisYear].map((year) => {
    const from = new Date(Date.UTC(year, 0, 1, 3));
    const to = year === thisYear ? now : new Date(Date.UTC(year + 1, 0, 1, 3));
    return { year, from, to, ms: to.getTime() - from.getTime() };
  });
  const totalMs = spans.reduce((sum, span) => sum + span.ms, 0);
  let before = 0;
  let remaining = count;
  for (const [index, span] of spans.entries()) {
    const share = index === spans.length - 1 ? remaining : Math.round((count * span.ms) / totalMs);
    remaining -= share;
    const offset = before;
    await insertVolumeYear(knex, {
      year: span.year,
      count: share,
      from: span.from,
      to: span.to,
      officers,
      batchSize: 20_000,
      onBatch: (inserted) => options.onProgress(offset + inserted),
    });
    before += share;
  }
  await analyzeCases(knex);
}

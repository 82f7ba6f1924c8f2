/**
 * Realistic volume for measuring the queue: cases spread over the last three years, with the mix of types,
 * statuses, sectors, languages and assignees a busy authority would have, inserted by PostgreSQL in batches
 * (generate_series), numbered from each year's reference counter so later submissions never collide.
 */
import type { Knex } from 'knex';
import { SECTORS } from './schemas.ts';

const ORGANISATIONS = [
  'Optima Bank', 'Bakai Bank', 'Demir Bank', 'KICB', 'MBank', 'Aiyl Bank', 'RSK Bank', 'Kompanion Finance', 'Bai-Tushum', 'FINCA Kyrgyzstan',
  'MegaCom', 'Beeline Kyrgyzstan', 'O!', 'Aknet', 'Saima Telecom', 'Kyrgyztelecom', 'Городская клиническая больница № 1', 'Национальный госпиталь',
  'Медицинский центр «Здоровье»', 'Аптека «Неман»', 'Бишкекская школа № 5', 'Ош мамлекеттик университети', 'КГТУ им. И. Раззакова', 'Детский сад «Балапан»',
  'Globus', 'Narodnyi', 'Frunze Market', 'Бишкекглавархитектура', 'Мэрия города Ош', 'ЦОН «Тундук»', 'Social Fund', 'Tax Service office 3',
  'ОсОО «Кыргыз Курулуш»', 'ОсОО «Ала-Тоо Сервис»', 'Yandex Go', 'Namba Food', 'Lalafo', 'Kaktus Media', 'ОсОО «Теплоснабжение»', 'Бишкекводоканал',
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

export async function ensureVolumeOfficers(knex: Knex, count: number): Promise<number[]> {
  const existing = await knex('staff_users').whereLike('email', 'volume-officer-%@ukuk.invalid').orderBy('id').pluck<number[]>('id');
  for (let index = existing.length; index < count; index++) {
    const [row] = await knex('staff_users')
      .insert({ email: `volume-officer-${String(index + 1)}@ukuk.invalid`, display_name: `Officer ${String(index + 1)}`, role: index === 0 ? 'supervisor' : 'case_officer', language: (['ky', 'ru', 'en'] as const)[index % 3], disabled_at: null })
      .returning<{ id: number }[]>('id');
    if (row) existing.push(row.id);
  }
  return existing;
}

/**
 * Inserts `count` cases received evenly between `from` and `to` (one year's share), numbered after the
 * year's counter; calls `onBatch` with the rows inserted so far.
 */
export async function insertVolumeYear(knex: Knex, options: { year: number; count: number; from: Date; to: Date; officers: number[]; batchSize: number; onBatch: (inserted: number) => void }): Promise<void> {
  const { year, count, from, to, officers } = options;
  const base = await knex.transaction(async (trx) => {
    const result = await trx.raw<{ rows: { last_value: number }[] }>(
      `insert into case_reference_counters (year, last_value) values (?, ?) on conflict (year) do update set last_value = case_reference_counters.last_value + excluded.last_value returning last_value`,
      [year, count],
    );
    return (result.rows[0]?.last_value ?? count) - count;
  });
  const spanMs = to.getTime() - from.getTime();
  for (let done = 0; done < count; done += options.batchSize) {
    const size = Math.min(options.batchSize, count - done);
    await knex.raw(
      `insert into cases (reference, type, status, language, submission_token, organisation_name, sector, anonymous, answers, received_at, registration_due, answer_due, assignee_id, registered_at, progress_due, decision, closed_at, created_at, updated_at)
       select 'PDP-' || ?::int || '-' || lpad((?::int + g)::text, 6, '0'),
              case when r1 < 0.72 then 'complaint' when r1 < 0.92 then 'report' else 'breach' end,
              status,
              (array['ky', 'ru', 'en'])[1 + floor(r2 * 2.4)::int],
              gen_random_uuid(),
              (?::text[])[1 + floor(r3 * ?::int)::int],
              (?::text[])[1 + floor(r4 * ?::int)::int],
              r1 >= 0.72 and r1 < 0.85,
              jsonb_build_object('whatHappened', jsonb_build_object('description', (?::text[])[1 + floor(r5 * ?::int)::int])),
              received,
              (received at time zone 'Asia/Bishkek')::date + 1,
              (received at time zone 'Asia/Bishkek')::date + 20,
              case when status = 'submitted' or r6 < 0.05 then null else (?::bigint[])[1 + floor(r6 * ?::int)::int] end,
              case when status = 'submitted' then null else received + interval '20 hours' end,
              case when status in ('triage', 'accepted', 'investigation', 'awaiting_information', 'reopened') then (received at time zone 'Asia/Bishkek')::date + 90 end,
              case when status in ('decided', 'closed') then (array['upheld', 'partly_upheld', 'not_upheld', 'settled'])[1 + floor(r5 * 4)::int] end,
              case when status in ('closed', 'inadmissible', 'referred', 'withdrawn') then received + interval '25 days' end,
              received, received
       from (
         select g, r1, r2, r3, r4, r5, r6, received,
                case
                  when received < now() - interval '60 days' then
                    case when r2 < 0.62 then 'closed' when r2 < 0.70 then 'decided' when r2 < 0.84 then 'inadmissible' when r2 < 0.91 then 'referred' when r2 < 0.96 then 'withdrawn' else 'investigation' end
                  else
                    case when r2 < 0.12 then 'submitted' when r2 < 0.30 then 'triage' when r2 < 0.42 then 'accepted' when r2 < 0.70 then 'investigation' when r2 < 0.80 then 'awaiting_information' when r2 < 0.88 then 'decided' when r2 < 0.94 then 'closed' else 'inadmissible' end
                end as status
         from (
           select g, random() as r1, random() as r2, random() as r3, random() as r4, random() as r5, random() as r6,
                  ?::timestamptz + (g - 1) * (?::double precision * interval '1 millisecond') as received
           from generate_series(?::int + 1, ?::int + ?::int) as g
         ) as raw
       ) as generated`,
      [
        year, base,
        ORGANISATIONS, ORGANISATIONS.length,
        [...SECTORS], SECTORS.length,
        DESCRIPTIONS, DESCRIPTIONS.length,
        officers, officers.length,
        from.toISOString(), spanMs / count,
        done, done, size,
      ],
    );
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
    await insertVolumeYear(knex, { year: span.year, count: share, from: span.from, to: span.to, officers, batchSize: 20_000, onBatch: (inserted) => options.onProgress(offset + inserted) });
    before += share;
  }
  await knex.raw('analyze cases');
}

/** The volume seed's writes: officers for the generated cases, the reference counters, cases in batches. */
import type { Knex } from 'knex';

/** Volume officers (volume-officer-N@ukuk.invalid) that exist, oldest first. */
export async function volumeOfficerIds(knex: Knex): Promise<number[]> {
  return knex('staff_users').whereLike('email', 'volume-officer-%@ukuk.invalid').orderBy('id').pluck<number[]>('id');
}

export async function insertVolumeOfficer(
  knex: Knex,
  officer: { email: string; display_name: string; role: string; language: string },
): Promise<number | undefined> {
  const [row] = await knex('staff_users')
    .insert({ ...officer, disabled_at: null })
    .returning<{ id: number }[]>('id');
  return row?.id;
}

/** Reserves `count` reference numbers of the year; returns the last number used before them. */
export async function reserveReferences(knex: Knex, year: number, count: number): Promise<number> {
  return knex.transaction(async (trx) => {
    const result = await trx.raw<{ rows: { last_value: number }[] }>(
      `insert into case_reference_counters (year, last_value) values (?, ?) on conflict (year) do update set last_value = case_reference_counters.last_value + excluded.last_value returning last_value`,
      [year, count],
    );
    return (result.rows[0]?.last_value ?? count) - count;
  });
}

/**
 * Cases numbered base+done+1 … base+done+size, received evenly from `from` every `stepMs`: a realistic mix of
 * types, statuses (older cases mostly finished), sectors, languages and assignees, drawn by PostgreSQL. The
 * language has its own draw: drawn with the status, no English case was ever closed and every old open one was.
 */
const INSERT_CASES = `insert into cases (reference, type, status, language, submission_token, organisation_name, sector, anonymous, answers, received_at, registration_due, answer_due, assignee_id, registered_at, progress_due, decision, closed_at, created_at, updated_at)
       select 'PDP-' || ?::int || '-' || lpad((?::int + g)::text, 6, '0'),
              case when r1 < 0.72 then 'complaint' when r1 < 0.92 then 'report' else 'breach' end,
              status,
              (array['ky', 'ru', 'en'])[1 + floor(r7 * 2.4)::int],
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
         select g, r1, r2, r3, r4, r5, r6, r7, received,
                case
                  when received < now() - interval '60 days' then
                    case when r2 < 0.62 then 'closed' when r2 < 0.70 then 'decided' when r2 < 0.84 then 'inadmissible' when r2 < 0.91 then 'referred' when r2 < 0.96 then 'withdrawn' else 'investigation' end
                  else
                    case when r2 < 0.12 then 'submitted' when r2 < 0.30 then 'triage' when r2 < 0.42 then 'accepted' when r2 < 0.70 then 'investigation' when r2 < 0.80 then 'awaiting_information' when r2 < 0.88 then 'decided' when r2 < 0.94 then 'closed' else 'inadmissible' end
                end as status
         from (
           select g, random() as r1, random() as r2, random() as r3, random() as r4, random() as r5, random() as r6, random() as r7,
                  ?::timestamptz + (g - 1) * (?::double precision * interval '1 millisecond') as received
           from generate_series(?::int + 1, ?::int + ?::int) as g
         ) as raw
       ) as generated`;

interface VolumeBatch {
  year: number;
  base: number;
  organisations: readonly string[];
  sectors: readonly string[];
  descriptions: readonly string[];
  officers: readonly number[];
  from: Date;
  stepMs: number;
  done: number;
  size: number;
}

export async function insertVolumeBatch(knex: Knex, batch: VolumeBatch): Promise<void> {
  const { year, base, organisations, sectors, descriptions, officers, from, stepMs, done, size } = batch;
  await knex.raw(INSERT_CASES, [
    year,
    base,
    [...organisations],
    organisations.length,
    [...sectors],
    sectors.length,
    [...descriptions],
    descriptions.length,
    [...officers],
    officers.length,
    from.toISOString(),
    stepMs,
    done,
    done,
    size,
  ]);
}

export async function analyzeCases(knex: Knex): Promise<void> {
  await knex.raw('analyze cases');
}

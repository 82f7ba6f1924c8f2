import type { Knex } from 'knex';

/**
 * Statistics. The published figures: one snapshot a day (one row per day, so two instances computing the same
 * day store it once). The dashboard's counts at 1,000,000 cases: monthly rollups kept exact by a trigger on cases
 * (every insert, change and delete moves a case's count from its old cell to its new one), so an aggregate over a
 * year reads a few thousand rows instead of hundreds of thousands; an index for one officer's cases (their
 * dashboard counts them directly) and one of the open cases by answer date (overdue and due soon move with the day).
 */
const OPEN = `('submitted', 'triage', 'accepted', 'investigation', 'awaiting_information', 'decision_proposed', 'reopened', 'in_review', 'returned')`;

const NUMBER = (path: string) =>
  `case when jsonb_typeof(${path}) = 'number' then (${path})::numeric when ${path} #>> '{}' ~ '^[0-9]{1,12}$' then (${path} #>> '{}')::numeric end`;

/** A case's cells, in SQL over a row `c` (the trigger's OLD or NEW, or a row of cases for the backfill). */
const MONTH = `date_trunc('month', c.received_at at time zone 'Asia/Bishkek')::date`;
const REGISTERED = `case when c.registered_at is null then 0 when (c.registered_at at time zone 'Asia/Bishkek')::date <= c.registration_due then 1 else 2 end`;
const ANSWERED = `case when coalesce(c.decided_at, c.closed_at) is null then 0 when (coalesce(c.decided_at, c.closed_at) at time zone 'Asia/Bishkek')::date <= c.answer_due then 1 else 2 end`;
const PEOPLE = NUMBER(`c.answers -> 'affected' -> 'approxPeople'`);
const HOURS = NUMBER(`c.answers -> 'hoursToNotify'`);
const SEVERITY = `case when c.type <> 'breach' then '' when ${PEOPLE} is null then 'unknown' when ${PEOPLE} < 100 then 'low' when ${PEOPLE} < 10000 then 'medium' else 'high' end`;
const HOURS_BAND = `case when c.type <> 'breach' then '' when ${HOURS} is null then 'unknown' when ${HOURS} <= 24 then 'day' when ${HOURS} <= 72 then 'three_days' else 'later' end`;
const DAYS = `(c.decided_at at time zone 'Asia/Bishkek')::date - (c.received_at at time zone 'Asia/Bishkek')::date`;
const MONTHLY_KEY = 'month, type, sector, decision, registered, answered';
const DAY = `(c.received_at at time zone 'Asia/Bishkek')::date`;
const IS_OPEN = `c.status in ${OPEN}`;

async function createTables(knex: Knex): Promise<void> {
  await knex.schema.createTable('statistics_snapshots', (table) => {
    table.bigIncrements('id');
    table.date('as_of').notNullable().unique();
    table.timestamp('computed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.jsonb('data').notNullable();
  });
  await knex.raw(`create table case_stats_monthly (
    month date not null, type varchar(16) not null, sector varchar(32) not null, decision varchar(16) not null,
    registered smallint not null, answered smallint not null, count integer not null, primary key (${MONTHLY_KEY}))`);
  await knex.raw(`create table case_stats_breaches (month date not null, assignee_id bigint not null, severity varchar(8) not null,
    hours_band varchar(12) not null, count integer not null, primary key (month, assignee_id, severity, hours_band))`);
  // Open cases: by day received (their age) and status, and by month and officer (their number per officer).
  await knex.raw(`create table case_stats_open (day date not null, status varchar(24) not null, type varchar(16) not null, count integer not null,
    primary key (day, status, type))`);
  await knex.raw(`create table case_stats_open_assignees (month date not null, type varchar(16) not null, assignee_id bigint not null,
    count integer not null, primary key (month, type, assignee_id))`);
  await knex.raw(`create table case_stats_decision_days (month date not null, type varchar(16) not null, days integer not null, count integer not null,
    primary key (month, type, days))`);
  await knex.raw(`create table case_stats_organisations (month date not null, organisation_name text not null, count integer not null,
    primary key (month, organisation_name))`);
}

async function backfill(knex: Knex): Promise<void> {
  await knex.raw(`insert into case_stats_monthly (${MONTHLY_KEY}, count)
    select ${MONTH}, c.type, coalesce(c.sector, ''), coalesce(c.decision, ''), ${REGISTERED}, ${ANSWERED}, count(*)
    from cases c group by 1, 2, 3, 4, 5, 6`);
  await knex.raw(`insert into case_stats_breaches (month, assignee_id, severity, hours_band, count)
    select ${MONTH}, coalesce(c.assignee_id, 0), ${SEVERITY}, ${HOURS_BAND}, count(*) from cases c where c.type = 'breach' group by 1, 2, 3, 4`);
  await knex.raw(
    `insert into case_stats_open (day, status, type, count) select ${DAY}, c.status, c.type, count(*) from cases c where ${IS_OPEN} group by 1, 2, 3`,
  );
  await knex.raw(`insert into case_stats_open_assignees (month, type, assignee_id, count)
    select ${MONTH}, c.type, coalesce(c.assignee_id, 0), count(*) from cases c where ${IS_OPEN} group by 1, 2, 3`);
  await knex.raw(`insert into case_stats_decision_days (month, type, days, count)
    select ${MONTH}, c.type, ${DAYS}, count(*) from cases c where c.decided_at is not null group by 1, 2, 3`);
  await knex.raw(`insert into case_stats_organisations (month, organisation_name, count)
    select ${MONTH}, c.organisation_name, count(*) from cases c where c.type = 'complaint' group by 1, 2`);
}

async function createTrigger(knex: Knex): Promise<void> {
  await knex.raw(`create function case_stats_add(c cases, delta integer) returns void language plpgsql as $$
    begin
      insert into case_stats_monthly as s (${MONTHLY_KEY}, count)
        values (${MONTH}, c.type, coalesce(c.sector, ''), coalesce(c.decision, ''), ${REGISTERED}, ${ANSWERED}, delta)
        on conflict (${MONTHLY_KEY}) do update set count = s.count + excluded.count;
      if c.type = 'breach' then
        insert into case_stats_breaches as s (month, assignee_id, severity, hours_band, count) values (${MONTH}, coalesce(c.assignee_id, 0), ${SEVERITY}, ${HOURS_BAND}, delta)
          on conflict (month, assignee_id, severity, hours_band) do update set count = s.count + excluded.count;
      end if;
      if ${IS_OPEN} then
        insert into case_stats_open as s (day, status, type, count) values (${DAY}, c.status, c.type, delta)
          on conflict (day, status, type) do update set count = s.count + excluded.count;
        insert into case_stats_open_assignees as s (month, type, assignee_id, count) values (${MONTH}, c.type, coalesce(c.assignee_id, 0), delta)
          on conflict (month, type, assignee_id) do update set count = s.count + excluded.count;
      end if;
      if c.decided_at is not null then
        insert into case_stats_decision_days as s (month, type, days, count) values (${MONTH}, c.type, ${DAYS}, delta)
          on conflict (month, type, days) do update set count = s.count + excluded.count;
      end if;
      if c.type = 'complaint' then
        insert into case_stats_organisations as s (month, organisation_name, count) values (${MONTH}, c.organisation_name, delta)
          on conflict (month, organisation_name) do update set count = s.count + excluded.count;
      end if;
    end $$`);
  const KEY = (row: string) =>
    `(${row}.received_at, ${row}.type, ${row}.status, ${row}.assignee_id, ${row}.sector, ${row}.decision, ${row}.registered_at, ${row}.registration_due, ${row}.decided_at, ${row}.closed_at, ${row}.answer_due, ${row}.organisation_name, ${row}.answers -> 'affected' -> 'approxPeople', ${row}.answers -> 'hoursToNotify')`;
  await knex.raw(`create function case_stats_apply() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' and ${KEY('old')} is not distinct from ${KEY('new')} then return null; end if;
      if tg_op in ('UPDATE', 'DELETE') then perform case_stats_add(old, -1); end if;
      if tg_op in ('INSERT', 'UPDATE') then perform case_stats_add(new, 1); end if;
      return null;
    end $$`);
  await knex.raw(`create trigger case_stats after insert or update or delete on cases for each row execute function case_stats_apply()`);
}

export async function up(knex: Knex): Promise<void> {
  await createTables(knex);
  await backfill(knex);
  await createTrigger(knex);
  await knex.raw(`create index cases_statistics_assignee on cases (assignee_id, received_at)
    include (type, status, sector, registration_due, answer_due, registered_at, decided_at, closed_at, decision, organisation_name)`);
  // Open cases by answer date: those overdue or due soon, per officer.
  await knex.raw(`create index cases_statistics_due on cases (answer_due) include (type, assignee_id, received_at) where status in ${OPEN}`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index cases_statistics_assignee, cases_statistics_due');
  await knex.raw('drop trigger case_stats on cases');
  await knex.raw('drop function case_stats_apply()');
  await knex.raw('drop function case_stats_add(cases, integer)');
  await knex.raw(
    'drop table case_stats_monthly, case_stats_decision_days, case_stats_organisations, case_stats_breaches, case_stats_open, case_stats_open_assignees',
  );
  await knex.schema.dropTable('statistics_snapshots');
}

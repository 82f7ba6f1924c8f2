/**
 * Retention: the anonymisation job on cases of every type and final state removes every personal string — the
 * whole database is scanned for the test's names, e-mails, phone numbers, addresses, texts and file contents —
 * while what statistics read stays the same, the audit chain stays verifiable, and open, registered, recent and
 * held cases are left alone. A legal hold is a supervisor's, with a reason, and lifting it lets the job proceed.
 */
import { expect } from 'chai';
import type { Express } from 'express';
import type { Knex } from 'knex';
import { verifyChain } from '../../src/features/audit/service.ts';
import { anonymiseExpired } from '../../src/features/retention/service.ts';
import {
  breachesRollup,
  decisionDaysRollup,
  monthlyRollup,
  openByAgeRollup,
  organisationsRollup,
  outcomesRollup,
} from '../../src/features/statistics/rollup-repository.ts';
import { addDays, bishkekToday } from '../../src/lib/dates.ts';
import { buildApp, testConfig } from '../support/app.ts';
import { browser, csrfTokenFrom, multipartActionFrom } from '../support/browser.ts';
import { testDatabase } from '../support/database.ts';
import { createCase } from '../support/factories.ts';
import { staffOfRole, staffPost } from '../support/staff.ts';

type Party = Parameters<typeof createCase>[0] extends infer O ? (O extends { parties?: (infer P)[] } ? P : never) : never;

const YEAR = 365.25 * 86_400_000;

interface Person {
  name: string;
  email: string;
  phone: string;
  address: string;
}

function person(tag: string, n: number): Person {
  return {
    name: `Айгүл Токтосунова${tag}${n}`,
    email: `aigul.${tag}.${n}@example.kg`,
    phone: `+996 700 ${tag.slice(-3)}${n}${n}${n}`,
    address: `Бишкек, Чүй проспекти ${tag}-${n}`,
  };
}

function party(role: Party['role'], who: Person): Party {
  return {
    role,
    full_name: who.name,
    email: who.email,
    postal_address: who.address,
    phone: who.phone,
    position: `Position ${who.name}`,
    preferred_language: 'ky',
    identity_may_be_shared: true,
  };
}

/** Every row of every table (the job queue's schema too), as text, that contains one of the needles. */
async function findAnywhere(knex: Knex, needles: string[]): Promise<string[]> {
  const tables: { schema: string; name: string }[] = (
    await knex.raw(`select table_schema as schema, table_name as name from information_schema.tables
                     where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`)
  ).rows;
  const found: string[] = [];
  for (const table of tables) {
    const rows: { text: string }[] = (await knex.raw('select t::text as text from ??.?? t', [table.schema, table.name])).rows;
    for (const row of rows)
      for (const needle of needles) if (row.text.toLowerCase().includes(needle.toLowerCase())) found.push(`${table.schema}.${table.name}: ${needle}`);
  }
  return found;
}

/** What statistics read of the cases: never personal, and never changed by anonymisation. */
async function statistics(knex: Knex, ids: number[]) {
  const cases = await knex('cases')
    .select('id', 'reference', 'type', 'status', 'sector', 'organisation_name', 'organisation_inn', 'anonymous', 'decision', 'reason_code', 'referred_to')
    .select('received_at', 'closed_at', 'decided_at', 'registration_due', 'answer_due', knex.raw("answers->'hoursToNotify' as hours"))
    .select(knex.raw("answers #> '{affected,approxPeople}' as people"), knex.raw("answers #> '{whatHappened,rightsAffected}' as rights"))
    .whereIn('id', ids)
    .orderBy('id');
  const counts = await knex('case_status_counts').select('*').orderBy('status');
  const messages = await knex('messages')
    .select('case_id', 'direction')
    .count('* as n')
    .whereIn('case_id', ids)
    .groupBy('case_id', 'direction')
    .orderBy(['case_id', 'direction']);
  const events = await knex('case_events')
    .select('case_id', 'kind')
    .count('* as n')
    .whereIn('case_id', ids)
    .groupBy('case_id', 'kind')
    .orderBy(['case_id', 'kind']);
  const parties = await knex('case_parties').select('case_id', 'role', 'preferred_language').whereIn('case_id', ids).orderBy(['case_id', 'role']);
  // And the figures the dashboard, the public statistics and the annual report are drawn from.
  const today = bishkekToday();
  const scope = { from: '2000-01', to: today.slice(0, 7), today, soonUntil: addDays(today, 3) };
  const sorted = (rows: readonly object[]) => rows.map((row) => JSON.stringify(row)).sort();
  const rollups = {
    months: sorted(await monthlyRollup(knex, scope)),
    days: sorted(await decisionDaysRollup(knex, scope)),
    outcomes: sorted(await outcomesRollup(knex, scope)),
    breaches: sorted(await breachesRollup(knex, scope)),
    openByAge: sorted(await openByAgeRollup(knex, scope)),
    organisations: sorted(await organisationsRollup(knex, scope, 100_000)),
  };
  return { cases, counts, messages, events, parties, rollups };
}

async function closeCase(knex: Knex, caseId: number, status: string, yearsAgo: number): Promise<void> {
  await knex('cases')
    .where({ id: caseId })
    .update({ status, closed_at: new Date(Date.now() - yearsAgo * YEAR) });
}

describe('retention and anonymisation', () => {
  let app: Express;
  let retention: ReturnType<typeof testConfig>['retention'];
  before(async () => {
    app = await buildApp();
    retention = testConfig().retention;
  });

  it('anonymises expired cases of every type and final state, leaving no personal string and the statistics as they were', async () => {
    const { knex } = testDatabase();
    const tag = `r${Date.now().toString(36)}`;
    const people = [0, 1, 2, 3, 4, 5].map((n) => person(tag, n));
    const texts = [`Банк ${tag} ачыкка чыгарды`, `Report text ${tag} here`, `Leak story ${tag} told`, `Array purpose ${tag} kept`, `Withdrawn story ${tag}`];
    const fileContent = `SECRET-FILE-CONTENT-${tag}`;
    const cases = [
      // A complaint closed with a decision six years ago (5-year period).
      await createCase({
        email: people[0]!.email,
        parties: [party('complainant', people[0]!)],
        answers: { whatHappened: { description: texts[0], rightsAffected: ['access'], dataKinds: ['identity'] }, organisationAddress: people[0]!.address },
      }),
      // A named violation report, inadmissible four years ago (3-year period).
      await createCase({
        type: 'report',
        email: people[1]!.email,
        parties: [party('reporter', people[1]!)],
        answers: { whatHappened: { description: texts[1], sector: 'banking' } },
      }),
      // A breach notification closed six years ago.
      await createCase({
        type: 'breach',
        email: people[2]!.email,
        organisationInn: '01234567891234',
        parties: [party('notifier', people[2]!)],
        answers: {
          breach: { description: texts[2], nature: ['confidentiality'] },
          affected: { approxPeople: 1200, dataCategories: ['identity'] },
          hoursToNotify: 30,
        },
      }),
      // A register application refused two years ago (1-year period).
      await createCase({
        type: 'registration',
        email: people[3]!.email,
        organisationInn: '01234567891299',
        parties: [party('contact', people[3]!)],
        answers: {
          organisation: { nameKy: 'Мисал', nameRu: 'Пример', inn: '01234567891299', region: 'bishkek' },
          arrays: [{ name: 'Clients', purposes: texts[3] }],
        },
      }),
      // A complaint withdrawn by the citizen six years ago.
      await createCase({ email: people[4]!.email, parties: [party('complainant', people[4]!)], answers: { whatHappened: { description: texts[4] } } }),
    ];
    // Left alone: an open complaint, a recently closed one, and a registered application (it stays with the register).
    const open = await createCase({ email: people[5]!.email, parties: [party('complainant', people[5]!)] });
    const recent = await createCase({ answers: { whatHappened: { description: `Recent ${tag}` } } });
    const registered = await createCase({ type: 'registration', answers: { arrays: [{ name: `Registered ${tag}` }] } });

    // The first complainant wrote with a file; the Agency answered, noted, and decided naming her.
    const [first] = cases;
    const citizen = browser(app);
    const signIn = await citizen.get('/en/track').expect(200);
    await citizen
      .post('/en/track')
      .type('form')
      .send({ _csrf: csrfTokenFrom(signIn.text), reference: first!.reference, accessCode: first!.code })
      .expect(303);
    const page = await citizen.get('/en/track/case').expect(200);
    await citizen
      .post(multipartActionFrom(page.text))
      .field('_csrf', csrfTokenFrom(page.text))
      .field('body', `Please help, ${people[0]!.name} here`)
      .attach('files', Buffer.from(`${fileContent}\n`, 'utf8'), `${tag}-evidence.txt`)
      .expect(303);
    await knex('messages').insert({ case_id: first!.caseId, direction: 'to_citizen', body: `Dear ${people[0]!.name}, thank you.` });
    await knex('case_notes').insert({ case_id: first!.caseId, body: `Called ${people[0]!.phone} about it` });
    const reasons = `The complainant ${people[0]!.name} (${people[0]!.email}) asked the bank for her data; the bank refused.`;
    await knex('case_decisions').insert({
      case_id: first!.caseId,
      status: 'approved',
      outcome: 'upheld',
      reasons,
      legal_basis: 'Law No. 58, Art. 15',
      language: 'ky',
      reviewed_at: new Date(),
      review_note: `Checked with ${people[0]!.name}`,
    });
    await knex('cases')
      .where({ id: first!.caseId })
      .update({ decision: 'upheld', decision_text: reasons, decided_at: new Date(Date.now() - 6 * YEAR) });
    await closeCase(knex, first!.caseId, 'closed', 6);
    await closeCase(knex, cases[1]!.caseId, 'inadmissible', 4);
    await closeCase(knex, cases[2]!.caseId, 'closed', 6);
    await closeCase(knex, cases[3]!.caseId, 'refused', 2);
    await closeCase(knex, cases[4]!.caseId, 'withdrawn', 6);
    await closeCase(knex, recent.caseId, 'closed', 1);
    await closeCase(knex, registered.caseId, 'registered', 9);

    const needles = [
      ...people.slice(0, 5).flatMap((who) => [who.name, who.email, who.phone, who.address]),
      ...texts,
      fileContent,
      Buffer.from(fileContent).toString('hex'),
    ];
    expect(await findAnywhere(knex, needles), 'the personal strings are there before').to.have.length.greaterThan(10);
    const ids = [...cases.map((one) => one.caseId), open.caseId, recent.caseId, registered.caseId];
    const before = await statistics(knex, ids);

    const run = await anonymiseExpired(knex, retention);
    expect(run.anonymised).to.be.at.least(5);

    expect(await findAnywhere(knex, needles)).to.deep.equal([]);
    expect(await statistics(knex, ids)).to.deep.equal(before);
    const rows: {
      id: number;
      reference: string;
      anonymised_at: Date | null;
      answers: { whatHappened?: { description?: string }; arrays?: { name?: string }[] };
    }[] = await knex('cases').whereIn('id', ids).orderBy('id');
    expect(rows.filter((row) => row.anonymised_at).map((row) => row.reference)).to.have.members(cases.map((one) => one.reference));
    // The decision still reads: only the person is gone from it.
    const decision = await knex('case_decisions').where({ case_id: first!.caseId }).first();
    expect(decision.reasons).to.equal('The complainant […] ([…]) asked the bank for her data; the bank refused.');
    expect(decision.review_note).to.equal(null);
    // The untouched cases keep their people and texts.
    expect((await knex('case_parties').where({ case_id: open.caseId }).first()).email).to.equal(people[5]!.email);
    expect(rows.find((row) => row.id === recent.caseId)?.answers.whatHappened?.description).to.equal(`Recent ${tag}`);
    expect(rows.find((row) => row.id === registered.caseId)?.answers.arrays?.[0]?.name).to.equal(`Registered ${tag}`);
    // What the job did is in the audit trail, as counts; the chain still verifies.
    const events = await knex('audit_events').where({ action: 'case.anonymised', entity_id: first!.reference });
    expect(events).to.have.length(1);
    expect(events[0].actor_type).to.equal('system');
    expect(events[0].details).to.include({ type: 'complaint', files: 1, decisions: 1, notes: 1 });
    expect((await verifyChain(knex)).ok).to.equal(true);
    // The case can no longer be opened with its code.
    const again = browser(app);
    const form = await again.get('/en/track').expect(200);
    await again
      .post('/en/track')
      .type('form')
      .send({ _csrf: csrfTokenFrom(form.text), reference: first!.reference, accessCode: first!.code })
      .expect(400);
    // A second run finds nothing left to do.
    expect((await anonymiseExpired(knex, retention)).anonymised).to.equal(0);
  });

  it('a legal hold, set by a supervisor with a reason, stops the job until it is lifted; both are audited and shown', async () => {
    const { knex } = testDatabase();
    const tag = `h${Date.now().toString(36)}`;
    const who = person(tag, 7);
    const held = await createCase({ email: who.email, parties: [party('complainant', who)] });
    await closeCase(knex, held.caseId, 'closed', 7);
    const { agent: supervisor } = await staffOfRole(app, 'supervisor');
    const { agent: officer } = await staffOfRole(app, 'case_officer');
    const url = `/staff/cases/${held.reference}`;

    const shown = await supervisor.get(url).expect(200);
    expect(shown.text).to.include('Personal data kept until');
    expect(shown.text).to.include('Put on legal hold');
    const empty = await staffPost(supervisor, url, `${url}/hold`, { hold: 'set', holdReason: '' }, 400);
    expect(empty.text).to.include('Enter the reason, in no more than 1,000 characters');
    await staffPost(supervisor, url, `${url}/hold`, { hold: 'set', holdReason: `Court case ${tag} needs the file` }, 303);
    // Only supervisors: an officer is refused, and their page has no such form.
    const officerPage = await officer.get(url);
    expect(officerPage.text).not.to.include('Put on legal hold');
    await officer
      .post(`${url}/hold`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(officerPage.text), hold: 'lift', holdReason: 'no' })
      .expect(403);

    const page = await supervisor.get(url).expect(200);
    expect(page.text).to.include('On hold');
    expect(page.text).to.include(`Court case ${tag} needs the file`);
    await anonymiseExpired(knex, retention);
    expect((await knex('cases').where({ id: held.caseId }).first()).anonymised_at).to.equal(null);
    expect((await knex('case_parties').where({ case_id: held.caseId }).first()).email).to.equal(who.email);

    await staffPost(supervisor, url, `${url}/hold`, { hold: 'lift', holdReason: `Court case ${tag} ended` }, 303);
    const lifted = await supervisor.get(url).expect(200);
    expect(lifted.text).to.include('Earlier holds');
    await anonymiseExpired(knex, retention);
    expect((await knex('cases').where({ id: held.caseId }).first()).anonymised_at).not.to.equal(null);
    const audit: { action: string }[] = await knex('audit_events')
      .where({ entity_id: held.reference })
      .whereIn('action', ['case.legal_hold.set', 'case.legal_hold.lifted', 'case.anonymised'])
      .orderBy('id');
    expect(audit.map((event) => event.action)).to.deep.equal(['case.legal_hold.set', 'case.legal_hold.lifted', 'case.anonymised']);
    expect(JSON.stringify(audit)).not.to.include(tag);
    expect(await findAnywhere(knex, [who.name, who.email, `Court case ${tag}`])).to.deep.equal([]);
    const after = await supervisor.get(url).expect(200);
    expect(after.text).to.include('Anonymised on');
    expect(after.text).not.to.include('Put on legal hold');
  });

  it('the privacy notice states the periods the job applies, from the configuration, in every language', async () => {
    const configured = await buildApp({ RETENTION_REPORT_YEARS: '4', RETENTION_DRAFT_DAYS: '21' });
    const expected = {
      en: [
        'Retention periods',
        '5 years after the case is closed',
        '4 years after the case is closed',
        '1 year after the refusal or withdrawal',
        '21 days',
        '24 hours',
        'Request letters kept under a code to follow them',
        '90 days after the date the organisation had to answer by',
        'until the reminder is sent, and 30 days at most',
      ],
      ru: [
        'Сроки хранения',
        '5 лет после закрытия дела',
        '4 года после закрытия дела',
        '1 год после отказа или отзыва',
        '21 день',
        '24 часа',
        '90 дней после даты',
        'но не более 30 дней',
      ],
      ky: ['Сактоо мөөнөттөрү', 'иш жабылгандан кийин 5 жыл', 'иш жабылгандан кийин 4 жыл', '21 күн', '24 саат', 'кийин 90 күн', '30 күндөн ашпайт'],
    };
    for (const [lang, phrases] of Object.entries(expected)) {
      const page = await browser(configured).get(`/${lang}/privacy`).expect(200);
      for (const phrase of phrases) expect(page.text, `${lang}: ${phrase}`).to.include(phrase);
    }
  });
});

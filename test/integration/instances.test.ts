import { expect } from 'chai';
import { startJobQueue, type JobDefinition, type JobQueue } from '../../src/jobs/queue.ts';
import { buildApp, testLogger } from '../support/app.ts';
import { browser, csrfTokenFrom, setCookies } from '../support/browser.ts';
import { createCase } from '../support/factories.ts';
import { signedInStaff } from '../support/staff.ts';
import { testDatabase } from '../support/database.ts';
import supertest from 'supertest';

/** Two instances of the portal on one database (DESIGN §9) behave as one site. */
describe('two instances against one database', () => {
  // Shared counters: start from none, and leave none for the next test file.
  beforeEach(() => testDatabase().knex('rate_limits').delete());
  after(() => testDatabase().knex('rate_limits').delete());

  it('share sessions: a citizen or officer signed in on one instance is signed in on the other', async () => {
    const first = await buildApp({ RATE_LIMIT_STORE: 'postgres' });
    const second = await buildApp({ RATE_LIMIT_STORE: 'postgres' });
    const made = await createCase();
    const citizen = browser(first);
    const page = await citizen.get('/en/track').expect(200);
    const signedIn = await citizen.post('/en/track').type('form').send({ _csrf: csrfTokenFrom(page.text), reference: made.reference, accessCode: made.code }).expect(303);
    const cookie = (setCookies(signedIn)[0] ?? '').split(';')[0] ?? '';
    const onSecond = await supertest(second).get('/en/track/case').set('Cookie', cookie).expect(200);
    expect(onSecond.text).to.include(made.reference);

    const { agent } = await signedInStaff(first, 'auditor');
    const staffPage = await agent.get('/staff/cases').expect(200);
    const staffCookie = (setCookies(staffPage)[0] ?? '').split(';')[0] ?? '';
    expect((await supertest(second).get('/staff/cases').set('Cookie', staffCookie)).status).to.equal(200);
    // A form token issued on one instance is accepted by the other (it lives in the shared session).
    const logout = await supertest(second).post('/staff/logout').set('Cookie', staffCookie).type('form').send({ _csrf: csrfTokenFrom(staffPage.text) });
    expect(logout.status).to.equal(303);
    expect((await supertest(first).get('/staff/cases').set('Cookie', staffCookie)).status).to.equal(303);
  });

  it('share rate limits: attempts on both instances count against one limit', async () => {
    const first = await buildApp({ RATE_LIMIT_STORE: 'postgres' });
    const second = await buildApp({ RATE_LIMIT_STORE: 'postgres' });
    const made = await createCase();
    const attempt = async (app: typeof first) => {
      const agent = browser(app);
      const page = await agent.get('/en/track').expect(200);
      return (await agent.post('/en/track').type('form').send({ _csrf: csrfTokenFrom(page.text), reference: made.reference, accessCode: 'WRONG-CODE' })).status;
    };
    const statuses: number[] = [];
    for (let index = 0; index < 10; index++) statuses.push(await attempt(index % 2 === 0 ? first : second));
    expect(statuses.every((status) => status === 400)).to.equal(true);
    // The eleventh attempt on this reference, on either instance, is refused.
    expect(await attempt(second)).to.equal(429);
    expect(await attempt(first)).to.equal(429);
  });

  it('run a scheduled job once per occurrence, not once on each instance', async function () {
    // The schedule fires every minute; the test waits for an occurrence, so it can take up to a minute.
    this.timeout(150_000);
    const name = 'instances-schedule-probe';
    const runs: { instance: string; at: Date }[] = [];
    const probe = (instance: string): JobDefinition => ({
      name,
      cron: '* * * * *',
      handle: () => {
        runs.push({ instance, at: new Date() });
        return Promise.resolve();
      },
    });
    const start = (instance: string): Promise<JobQueue> =>
      startJobQueue({ connectionString: testDatabase().url, logger: testLogger(), jobs: [probe(instance)] as JobDefinition<never>[], pollingSeconds: 0.5, scheduleCheckSeconds: 1 });
    const instances = await Promise.all([start('first'), start('second')]);
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    try {
      // Judge an occurrence that ran early in its minute, so that waiting a few seconds more cannot reach the next one.
      const deadline = Date.now() + 140_000;
      let occurrence: { instance: string; at: Date } | undefined;
      while (!occurrence && Date.now() < deadline) {
        occurrence = runs.find((run) => run.at.getUTCSeconds() <= 10);
        if (!occurrence) await pause(200);
      }
      expect(occurrence, 'the scheduled job never ran').to.not.equal(undefined);
      await pause(Math.max(0, (occurrence?.at.getTime() ?? 0) + 5_000 - Date.now()));
      const minute = (at: Date) => Math.floor(at.getTime() / 60_000);
      const sameOccurrence = runs.filter((run) => minute(run.at) === minute(occurrence?.at ?? new Date()));
      expect(sameOccurrence, 'runs of one occurrence').to.have.length(1);
    } finally {
      await Promise.all(instances.map((queue) => queue.stop()));
      await testDatabase().knex.withSchema('pgboss').table('schedule').where({ name }).delete();
    }
  });
});

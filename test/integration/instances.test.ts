import { expect } from 'chai';
import { startJobQueue, type JobDefinition, type RunningJobQueue, type ScheduledRun } from '../../src/jobs/queue.ts';
import { buildApp, testLogger } from '../support/app.ts';
import { browser, csrfTokenFrom, setCookies } from '../support/browser.ts';
import { createCase } from '../support/factories.ts';
import { signedInStaff } from '../support/staff.ts';
import { testDatabase } from '../support/database.ts';
import { waitFor } from '../support/wait.ts';
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
    const signedIn = await citizen
      .post('/en/track')
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text), reference: made.reference, accessCode: made.code })
      .expect(303);
    const cookie = (setCookies(signedIn)[0] ?? '').split(';')[0] ?? '';
    const onSecond = await supertest(second).get('/en/track/case').set('Cookie', cookie).expect(200);
    expect(onSecond.text).to.include(made.reference);

    const { agent } = await signedInStaff(first, 'auditor');
    const staffPage = await agent.get('/staff/cases').expect(200);
    const staffCookie = (setCookies(staffPage)[0] ?? '').split(';')[0] ?? '';
    expect((await supertest(second).get('/staff/cases').set('Cookie', staffCookie)).status).to.equal(200);
    // A form token issued on one instance is accepted by the other (it lives in the shared session).
    const logout = await supertest(second)
      .post('/staff/logout')
      .set('Cookie', staffCookie)
      .type('form')
      .send({ _csrf: csrfTokenFrom(staffPage.text) });
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
      return (
        await agent
          .post('/en/track')
          .type('form')
          .send({ _csrf: csrfTokenFrom(page.text), reference: made.reference, accessCode: 'WRONG-CODE' })
      ).status;
    };
    const statuses: number[] = [];
    for (let index = 0; index < 10; index++) statuses.push(await attempt(index % 2 === 0 ? first : second));
    expect(statuses.every((status) => status === 400)).to.equal(true);
    // The eleventh attempt on this reference, on either instance, is refused.
    expect(await attempt(second)).to.equal(429);
    expect(await attempt(first)).to.equal(429);
  });

  describe('scheduled jobs', () => {
    const knex = () => testDatabase().knex;
    // 09:00:20 in Bishkek: the 09:00 occurrence of a daily job came due twenty seconds ago.
    const clock = () => new Date('2026-12-07T03:00:20Z');
    const occurrence = '2026-12-07T03:00:00.000Z';
    const running: RunningJobQueue[] = [];
    let name = '';
    let runs: { instance: string; occurrence: string }[] = [];

    function start(instance: string, handle: (run: ScheduledRun | undefined) => Promise<void> = () => Promise.resolve()): Promise<RunningJobQueue> {
      const job: JobDefinition = {
        name,
        cron: '0 9 * * *',
        retryDelaySeconds: 1,
        async handle(_data, _job, run) {
          await handle(run);
          runs.push({ instance, occurrence: run?.occurrence.toISOString() ?? 'by hand' });
        },
      };
      // The timer looks every 100 ms as well, so the instances also race each other on their own.
      const queue = startJobQueue({
        connectionString: testDatabase().url,
        knex: knex(),
        logger: testLogger(),
        jobs: [job] as JobDefinition<never>[],
        pollingSeconds: 0.5,
        scheduleCheckSeconds: 0.1,
        now: clock,
      });
      return queue.then((started) => {
        running.push(started);
        return started;
      });
    }

    /** Jobs of the probe's queue, by state (pg-boss's own table). */
    async function jobStates(): Promise<string[]> {
      return knex().withSchema('pgboss').table('job').where({ name }).pluck<string[]>('state');
    }

    /** Nothing left that could run the job again: every job of the queue has finished, one way or the other. */
    const settled = async () => {
      const states = await jobStates();
      return states.length > 0 && states.every((state) => state === 'completed' || state === 'failed');
    };

    beforeEach(function () {
      name = `schedule-probe-${this.currentTest?.title.replace(/\W+/g, '-').slice(0, 40) ?? ''}`;
      runs = [];
    });

    afterEach(async () => {
      await Promise.all(running.splice(0).map((queue) => queue.stop()));
      await knex()('job_occurrences').where({ job_name: name }).delete();
    });

    it('run a scheduled job once per occurrence, not once on each instance', async () => {
      const [first, second] = await Promise.all([start('first'), start('second')]);
      // Both instances look for the due occurrence at the same moment, again and again.
      const enqueued = await Promise.all(Array.from({ length: 8 }, (_, index) => (index % 2 === 0 ? first : second).enqueueDue()));
      await waitFor(settled, 'the occurrence to run');
      expect(
        enqueued.reduce((sum, count) => sum + count, 0),
        'occurrences enqueued by these calls',
      ).to.be.at.most(1);
      expect(await jobStates(), 'jobs created for one occurrence').to.deep.equal(['completed']);
      expect(runs.map((run) => run.occurrence)).to.deep.equal([occurrence]);
      const recorded = await knex()('job_occurrences').where({ job_name: name }).first<{ completed_at: Date | null } | undefined>();
      expect(recorded?.completed_at, 'the occurrence is recorded as run').to.be.instanceOf(Date);
    });

    it('run an occurrence delivered twice once: the second delivery waits for the first run, then finds it done', async () => {
      let release: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let started = 0;
      const hold = async (run: ScheduledRun | undefined) => {
        started++;
        if (run && started === 1) await gate;
      };
      const [first] = await Promise.all([start('first', hold), start('second', hold)]);
      try {
        await waitFor(() => started === 1, 'the first run to start');
        // pg-boss redelivers a job whose worker died or whose run outlived its expiry: the same occurrence again.
        await first.send(name, { occurrence });
        await waitFor(async () => (await jobStates()).filter((state) => state === 'active').length === 2, 'the second delivery to be picked up');
      } finally {
        release();
      }
      await waitFor(settled, 'both deliveries to finish');
      expect(runs.map((run) => run.occurrence)).to.deep.equal([occurrence]);
    });

    it("run an occurrence again after a failed run, with the failed run's work undone", async () => {
      const table = `${name}_work`.replace(/-/g, '_');
      await knex().schema.createTable(table, (columns) => columns.text('note'));
      try {
        let attempts = 0;
        await start('first', async (run) => {
          attempts++;
          await run?.trx(table).insert({ note: `attempt ${String(attempts)}` });
          if (attempts === 1) throw new Error('the first attempt fails half-way');
        });
        await waitFor(async () => (await jobStates()).includes('completed'), 'the retried occurrence to complete', 30_000);
        expect(await knex()(table).pluck('note')).to.deep.equal(['attempt 2']);
        expect(runs.map((run) => run.occurrence)).to.deep.equal([occurrence]);
      } finally {
        await knex().schema.dropTable(table);
      }
    });

    it('run the job when it is sent by hand, outside the schedule', async () => {
      const first = await start('first');
      await first.send(name, {});
      await waitFor(() => runs.some((run) => run.occurrence === 'by hand'), 'the job sent by hand to run');
    });
  });
});

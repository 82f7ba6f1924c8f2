import { expect } from 'chai';
import type { Express } from 'express';
import pg from 'pg';
import pino from 'pino';
import { createApp } from '../../src/app.ts';
import { createNotificationListener } from '../../src/db/notifications.ts';
import { createSessionMiddleware } from '../../src/http/session.ts';
import type { JobQueue } from '../../src/jobs/queue.ts';
import { testConfig, testLogger } from '../support/app.ts';
import { browser, csrfTokenFrom, multipartActionFrom } from '../support/browser.ts';
import { scratchDatabase, testDatabase } from '../support/database.ts';
import { PDF } from '../support/files.ts';
import { waitFor } from '../support/wait.ts';
import supertest from 'supertest';

const noJobs: JobQueue = { send: () => Promise.resolve(), stop: () => Promise.resolve() };

/** One violation report with a file, walked like a browser; the reference when a receipt was shown. */
async function fileReport(app: Express, index: number): Promise<{ reference?: string; statuses: number[] }> {
  const agent = browser(app);
  const statuses: number[] = [];
  const step = async (url: string, fields: Record<string, string>) => {
    const page = await agent.get(url);
    statuses.push(page.status);
    if (page.status !== 200) return false;
    const response = await agent
      .post(url)
      .type('form')
      .send({ ...fields, _csrf: csrfTokenFrom(page.text) });
    statuses.push(response.status);
    return response.status === 303;
  };
  if (
    !(await step('/en/reports/new/what-happened', {
      organisationName: `Outage Org ${String(index)}`,
      sector: 'retail',
      description: 'Cameras film the changing rooms.',
      knowDate: 'no',
    }))
  )
    return { statuses };
  const evidence = await agent.get('/en/reports/new/evidence');
  statuses.push(evidence.status);
  if (evidence.status !== 200) return { statuses };
  const uploaded = await agent
    .post(multipartActionFrom(evidence.text))
    .field('_csrf', csrfTokenFrom(evidence.text))
    .field('upload', '1')
    .attach('evidence', PDF, `proof-${String(index)}.pdf`);
  statuses.push(uploaded.status);
  if (uploaded.status !== 303) return { statuses };
  if (!(await step('/en/reports/new/evidence', { continue: '1' }))) return { statuses };
  if (!(await step('/en/reports/new/about-you', { anonymous: 'yes', preferredLanguage: 'en' }))) return { statuses };
  if (!(await step('/en/reports/new/check', {}))) return { statuses };
  const receipt = await agent.get('/en/reports/submitted');
  statuses.push(receipt.status);
  const reference = /class="reference">(PDP-\d{4}-\d{6})</.exec(receipt.text)?.[1];
  return { reference, statuses };
}

describe('faults: the database goes away during a stream of submissions', () => {
  it('keeps every submission that showed a receipt, answers a translated 503 meanwhile, and recovers by itself', async () => {
    const scratch = await scratchDatabase();
    const name = new URL(scratch.url).pathname.slice(1);
    const config = testConfig({ DATABASE_URL: scratch.url });
    // What the portal logs about sessions, and anything written to stderr (Express's console.error) instead.
    const sessionLog: string[] = [];
    const stderrLines: string[] = [];
    const sessionLogger = pino({ level: 'error' }, { write: (line: string) => sessionLog.push(line) });
    const sessions = createSessionMiddleware({ connectionString: scratch.url, secret: config.sessionSecret, secure: false, logger: sessionLogger });
    const writeStderr = process.stderr.write.bind(process.stderr);
    process.stderr.write = (chunk: string | Uint8Array) => stderrLines.push(String(chunk)) > 0;
    const notifications = createNotificationListener(scratch.url, testLogger());
    const app = createApp({ config, knex: scratch.knex, logger: testLogger(), session: sessions.middleware, notifications, jobs: noJobs });
    await notifications.ready();
    const admin = new pg.Client({ connectionString: testDatabase().serverUrl });
    await admin.connect();
    const receipts: string[] = [];
    const outageStatuses: number[] = [];
    let outageTexts = '';
    try {
      for (let index = 0; index < 3; index++) {
        const { reference } = await fileReport(app, index);
        expect(reference, `before the outage, report ${String(index)}`).to.be.a('string');
        receipts.push(reference ?? '');
      }
      // The outage: every connection dropped, new ones refused.
      await admin.query(`alter database "${name}" allow_connections false`);
      await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name]);
      for (let index = 3; index < 6; index++) {
        const { reference, statuses } = await fileReport(app, index);
        if (reference) receipts.push(reference);
        outageStatuses.push(...statuses);
      }
      // A page that needs the database says so, translated.
      const during = await supertest(app).get('/en/search?q=bank');
      outageStatuses.push(during.status);
      outageTexts += during.text;
      expect(during.status).to.equal(503);
      expect(during.text).to.include('<html lang="en">');
      expect(during.text).not.to.match(/at \w+ \(|Error:|ECONNREFUSED|terminat/);
      // The server comes back: the portal serves again without a restart, within 5 seconds.
      await admin.query(`alter database "${name}" allow_connections true`);
      await waitFor(async () => (await supertest(app).get('/readyz')).status === 200, 'ready again within 5 s', 5_000, 100);
      for (let index = 6; index < 9; index++) {
        const { reference } = await fileReport(app, index);
        expect(reference, `after the outage, report ${String(index)}`).to.be.a('string');
        receipts.push(reference ?? '');
      }
      // Nothing failed with a 500; every receipt shown is a case with its file.
      expect(
        outageStatuses.filter((status) => status >= 500 && status !== 503),
        outageStatuses.join(','),
      ).to.deep.equal([]);
      expect(outageStatuses).to.include(503);
      expect(outageTexts).not.to.include('stack');
      for (const reference of receipts) {
        const stored = await scratch.knex('cases').where({ reference }).first<{ id: number } | undefined>();
        expect(stored, reference).to.not.equal(undefined);
        const files = await scratch.knex('attachments').where({ case_id: stored?.id }).count<{ count: number }[]>('* as count');
        expect(files[0]?.count, `${reference} keeps its file`).to.equal(1);
      }
      expect(receipts.length).to.be.at.least(6);
      // A session that could not be stored once its page was sent is in the portal's log, not on the console.
      expect(stderrLines, 'written to stderr').to.deep.equal([]);
      expect(sessionLog.join('')).to.include('session could not be saved after the page was sent');
    } finally {
      process.stderr.write = writeStderr;
      await admin.query(`alter database "${name}" allow_connections true`);
      await admin.end();
      await sessions.close();
      await notifications.close();
      await scratch.drop();
    }
  });
});

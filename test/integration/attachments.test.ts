import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { expect } from 'chai';
import type { Express } from 'express';
import JSZip from 'jszip';
import { postgresBlobStorage } from '../../src/features/attachments/repository.ts';
import type { BlobStorage } from '../../src/features/attachments/types.ts';
import { caseSpace } from '../../src/features/cases/citizen.ts';
import { caseKeys } from '../../src/features/cases/keys.ts';
import { writeCaseArchive } from '../../src/features/track/archive.ts';
import { maintenanceJobs } from '../../src/jobs/maintenance.ts';
import { buildApp, testConfig, testLogger } from '../support/app.ts';
import { browser, csrfTokenFrom, multipartActionFrom, type Agent } from '../support/browser.ts';
import { testDatabase } from '../support/database.ts';
import { createCase } from '../support/factories.ts';
import { PDF, TEXT } from '../support/files.ts';
import { answer, upload } from '../support/journeys.ts';
import { filesUnder, waitUntil } from '../support/uploads.ts';

const KILOBYTE = 1024;

/** A plain-text file of `size` bytes that does not compress (its bytes are what quotas count). */
function textOf(size: number): Buffer {
  return Buffer.from(randomBytes(size).toString('base64').slice(0, size), 'utf8');
}

async function reportAtEvidence(agent: Agent, name = 'Quota Org'): Promise<void> {
  await answer(agent, '/en/reports/new/what-happened', {
    organisationName: name,
    sector: 'online',
    description: 'They publish phone numbers.',
    knowDate: 'no',
  });
}

async function draftToken(fileName: string): Promise<string> {
  const row = await testDatabase().knex('attachments').where({ file_name: fileName }).orderBy('created_at', 'desc').first<{ draft_token: string }>();
  return row.draft_token;
}

async function orphanBlobs(): Promise<number> {
  const { knex } = testDatabase();
  const row = await knex('attachment_blobs')
    .whereNotExists(knex('attachments').select(knex.raw('1')).whereRaw('attachments.id = attachment_blobs.attachment_id'))
    .count<{ count: string }[]>({ count: '*' })
    .first();
  return Number(row?.count ?? 0);
}

async function signedIn(app: Express, caseCode: { reference: string; code: string }, address?: string): Promise<Agent> {
  const agent = address ? browser(app).set('X-Forwarded-For', address) : browser(app);
  const page = await agent.get('/en/track').expect(200);
  await agent
    .post('/en/track')
    .type('form')
    .send({ _csrf: csrfTokenFrom(page.text), reference: caseCode.reference, accessCode: caseCode.code })
    .expect(303);
  return agent;
}

describe('stored files: bytes go with their attachment', () => {
  let app: Express;
  before(async () => {
    app = await buildApp();
  });

  it('removing a draft’s file deletes its bytes: adding and removing twenty files leaves no bytes behind', async () => {
    const { knex } = testDatabase();
    const agent = browser(app);
    await reportAtEvidence(agent);
    await upload(
      agent,
      '/en/reports/new/evidence',
      'evidence',
      [
        { name: 'kept-1.txt', bytes: TEXT },
        { name: 'kept-2.pdf', bytes: PDF },
      ],
      { upload: '1' },
    );
    const token = await draftToken('kept-1.txt');
    for (let round = 0; round < 10; round++) {
      await upload(
        agent,
        '/en/reports/new/evidence',
        'evidence',
        [
          { name: `churn-${String(round)}-a.txt`, bytes: textOf(50 * KILOBYTE) },
          { name: `churn-${String(round)}-b.txt`, bytes: textOf(50 * KILOBYTE) },
        ],
        { upload: '1' },
      );
      const page = await agent.get('/en/reports/new/evidence').expect(200);
      for (const id of [...page.text.matchAll(/name="remove" value="([0-9a-f-]{36})">Remove<span class="visually-hidden"> churn-/g)].map((match) => match[1])) {
        await agent
          .post(multipartActionFrom(page.text))
          .field('remove', id ?? '')
          .expect(303);
      }
    }
    const attachments = await knex('attachments').where({ draft_token: token }).pluck('id');
    expect(attachments).to.have.length(2);
    const blobs = await knex('attachment_blobs').whereIn('attachment_id', attachments).count<{ count: string | number }[]>({ count: '*' }).first();
    expect(Number(blobs?.count)).to.equal(2);
    expect(await orphanBlobs()).to.equal(0);
  });

  it('starting a journey again deletes its files and their bytes', async () => {
    const { knex } = testDatabase();
    const agent = browser(app);
    await reportAtEvidence(agent);
    await upload(agent, '/en/reports/new/evidence', 'evidence', [{ name: 'start-again.txt', bytes: TEXT }], { upload: '1' });
    const token = await draftToken('start-again.txt');
    const start = await agent.get('/en/reports/new').expect(200);
    await agent
      .post('/en/reports/new/start-again')
      .type('form')
      .send({ _csrf: csrfTokenFrom(start.text) })
      .expect(303);
    expect(await knex('attachments').where({ draft_token: token })).to.have.length(0);
    expect(await orphanBlobs()).to.equal(0);
  });

  it('the daily sweep removes bytes nothing refers to, abandoned drafts, and temporary files a stopped process left', async () => {
    const { knex } = testDatabase();
    const tmpDir = await mkdtemp(path.join(os.tmpdir(), 'ukuk-sweep-'));
    try {
      const storage = postgresBlobStorage(caseKeys(testConfig().dataEncryptionKey).attachments);
      // Bytes whose attachment is gone, as a restore from backup or a future storage path could leave them.
      const orphan = randomUUID();
      await knex.transaction(async (trx) => {
        await trx.raw('set local session_replication_role = replica');
        await trx('attachment_blobs').insert({
          id: orphan,
          attachment_id: randomUUID(),
          ciphertext: Buffer.from('x'),
          iv: Buffer.alloc(12),
          auth_tag: Buffer.alloc(16),
        });
      });
      // A draft abandoned two days ago, and one from this morning.
      const agent = browser(app);
      await reportAtEvidence(agent);
      await upload(agent, '/en/reports/new/evidence', 'evidence', [{ name: 'abandoned.txt', bytes: TEXT }], { upload: '1' });
      await knex('attachments')
        .where({ file_name: 'abandoned.txt' })
        .update({ created_at: knex.raw("now() - interval '2 days'") });
      await upload(agent, '/en/reports/new/evidence', 'evidence', [{ name: 'recent.txt', bytes: TEXT }], { upload: '1' });
      // A request's temporary directory from a process killed yesterday, and one in use now.
      const stale = path.join(tmpDir, randomUUID());
      const current = path.join(tmpDir, randomUUID());
      for (const dir of [stale, current]) {
        await mkdir(dir);
        await writeFile(path.join(dir, '1'), 'ciphertext');
      }
      const yesterday = new Date(Date.now() - 26 * 60 * 60 * 1000);
      await utimes(stale, yesterday, yesterday);

      const sweep = maintenanceJobs({ knex, logger: testLogger(), uploads: { storage, tmpDir } }).find((job) => job.name === 'upload-sweep');
      expect(sweep?.cron, 'scheduled daily').to.match(/^\d+ \d+ \* \* \*$/);
      await sweep?.handle(undefined as never, undefined as never);

      expect(await knex('attachment_blobs').where({ id: orphan })).to.have.length(0);
      expect(await knex('attachments').where({ file_name: 'abandoned.txt' })).to.have.length(0);
      expect(await knex('attachments').where({ file_name: 'recent.txt' })).to.have.length(1);
      expect(await orphanBlobs()).to.equal(0);
      expect((await filesUnder(tmpDir)).map((file) => path.dirname(file.file))).to.deep.equal([current]);
    } finally {
      await rm(tmpDir, { recursive: true, force: true });
    }
  });
});

describe('upload quotas', () => {
  let app: Express;
  before(async () => {
    // One app for the three quotas; each test comes from its own address, so the hourly one stays apart.
    app = await buildApp({ UPLOAD_QUOTA_DRAFT_MB: '1', UPLOAD_QUOTA_CASE_MB: '1', UPLOAD_QUOTA_ADDRESS_MB_PER_HOUR: '2', TRUST_PROXY: 'loopback' });
  });

  it('per draft: a file that would take the draft over its bytes is refused by name, and nothing of that post is kept', async () => {
    const agent = browser(app).set('X-Forwarded-For', '198.51.100.11');
    await reportAtEvidence(agent);
    expect(
      (await upload(agent, '/en/reports/new/evidence', 'evidence', [{ name: 'first.txt', bytes: textOf(600 * KILOBYTE) }], { upload: '1' })).status,
    ).to.equal(303);
    const over = await upload(
      agent,
      '/en/reports/new/evidence',
      'evidence',
      [
        { name: 'second.txt', bytes: textOf(300 * KILOBYTE) },
        { name: 'third.txt', bytes: textOf(300 * KILOBYTE) },
      ],
      { upload: '1' },
    );
    expect(over.status).to.equal(400);
    expect(over.text).to.include('“third.txt” was not attached: the files of one form may add up to 1 MB');
    expect(await testDatabase().knex('attachments').whereIn('file_name', ['second.txt', 'third.txt'])).to.have.length(0);
    const ky = await upload(agent, '/ky/reports/new/evidence', 'evidence', [{ name: 'fourth.txt', bytes: textOf(600 * KILOBYTE) }], { upload: '1' });
    expect(ky.text).to.include('«fourth.txt» тиркелген жок: бир форманын файлдары жалпысынан 1 МБдан ашпашы керек');
  });

  it('per case: the citizen’s messages cannot add files beyond the case’s bytes', async () => {
    const created = await createCase();
    const agent = await signedIn(app, created, '198.51.100.12');
    let page = await agent.get('/en/track/case').expect(200);
    await agent
      .post(multipartActionFrom(page.text))
      .field('body', 'First.')
      .attach('files', textOf(700 * KILOBYTE), 'first.txt')
      .expect(303);
    page = await agent.get('/en/track/case').expect(200);
    const over = await agent
      .post(multipartActionFrom(page.text))
      .field('body', 'Second, kept in the form.')
      .attach('files', textOf(700 * KILOBYTE), 'second.txt');
    expect(over.status).to.equal(400);
    expect(over.text).to.include('“second.txt” was not attached: the files of one case may add up to 1 MB');
    expect(over.text).to.include('Second, kept in the form.');
    expect(await testDatabase().knex('messages').where({ case_id: created.caseId })).to.have.length(1);
  });

  it('per address and hour: removing files does not give the bytes back, and other addresses are not affected', async () => {
    const agent = browser(app).set('X-Forwarded-For', '198.51.100.23');
    await reportAtEvidence(agent, 'Address Org');
    for (const name of ['hourly-1.txt', 'hourly-2.txt']) {
      await upload(agent, '/en/reports/new/evidence', 'evidence', [{ name, bytes: textOf(700 * KILOBYTE) }], { upload: '1' }).then((response) =>
        expect(response.status).to.equal(303),
      );
      const page = await agent.get('/en/reports/new/evidence').expect(200);
      const id = /name="remove" value="([0-9a-f-]{36})"/.exec(page.text)?.[1] ?? '';
      await agent.post(multipartActionFrom(page.text)).field('remove', id).expect(303);
    }
    // The draft is empty again, but 1.4 MB came from this address within the hour.
    const again = await upload(agent, '/en/reports/new/evidence', 'evidence', [{ name: 'hourly-3.txt', bytes: textOf(700 * KILOBYTE) }], { upload: '1' });
    expect(again.status).to.equal(400);
    expect(again.text).to.include('“hourly-3.txt” was not attached: a lot of files were sent from your connection in the last hour');
    const elsewhere = browser(app).set('X-Forwarded-For', '203.0.113.40');
    await reportAtEvidence(elsewhere, 'Other Address Org');
    expect(
      (await upload(elsewhere, '/en/reports/new/evidence', 'evidence', [{ name: 'hourly-4.txt', bytes: textOf(700 * KILOBYTE) }], { upload: '1' })).status,
    ).to.equal(303);
  });
});

describe('“download everything” streams file by file', () => {
  let app: Express;
  before(async () => {
    app = await buildApp();
  });

  it('reads the next file only once the client has taken the previous one', async () => {
    const created = await createCase();
    // An address of its own: the hour's upload quota per address is shared by every test that uploads from 127.0.0.1.
    const agent = await signedIn(app, created, '198.51.100.14');
    const files = Array.from({ length: 4 }, (_, index) => ({ name: `big-${String(index)}.txt`, bytes: textOf(1024 * KILOBYTE) }));
    const page = await agent.get('/en/track/case').expect(200);
    let request = agent.post(multipartActionFrom(page.text)).field('body', 'Four files.');
    for (const file of files) request = request.attach('files', file.bytes, file.name);
    await request.expect(303);

    const real = postgresBlobStorage(caseKeys(testConfig().dataEncryptionKey).attachments);
    let read = 0;
    const counting: BlobStorage = { ...real, get: (knex, key, data) => ((read += 1), real.get(knex, key, data)) };
    // A client that takes the first 64 KB and then stops reading until told to go on.
    const received: Buffer[] = [];
    let taken = 0;
    let released = false;
    let paused: (() => void) | undefined;
    const client = new Writable({
      highWaterMark: 16 * KILOBYTE,
      write(chunk: Buffer, _encoding, callback) {
        received.push(chunk);
        taken += chunk.length;
        if (taken > 64 * KILOBYTE && !released) paused = callback;
        else callback();
      },
    });
    const { knex } = testDatabase();
    const space = await caseSpace(knex, created.caseId);
    if (!space) throw new Error('no case');
    const writing = writeCaseArchive(knex, counting, space, client);
    await waitUntil('the client stops reading', () => paused !== undefined);
    // Give the archive every chance to run ahead while the client is stalled: until twenty database round
    // trips (reading a file is one) pass without a further read.
    for (let stable = 0; stable < 20;) {
      const before = read;
      await knex.raw('select 1');
      stable = read === before ? stable + 1 : 0;
    }
    // The file going out, and at most the next one waiting in the ZIP's buffer: never the whole case.
    expect(read, 'files read while the client is stalled').to.be.at.most(2);
    expect(read, 'files read from storage while the client is stalled').to.be.at.most(2);
    released = true;
    paused?.();
    await writing;
    expect(read).to.equal(4);
    const zip = await JSZip.loadAsync(Buffer.concat(received));
    for (const file of files)
      expect(Buffer.compare(await zip.file(`${created.reference}/files/${file.name}`)!.async('nodebuffer'), file.bytes), file.name).to.equal(0);
  });
});

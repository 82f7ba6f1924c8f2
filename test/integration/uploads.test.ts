import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import type { Express } from 'express';
import { buildApp } from '../support/app.ts';
import { browser, csrfTokenFrom, multipartActionFrom, setCookies, type Agent } from '../support/browser.ts';
import { testDatabase } from '../support/database.ts';
import { createCase } from '../support/factories.ts';
import { PDF, PNG, TEXT } from '../support/files.ts';
import { answer } from '../support/journeys.ts';
import { CLOSING, cookieFrom, fieldPart, filePartHeader, filesUnder, openUpload, sendBody, waitUntil } from '../support/uploads.ts';

const MEGABYTE = 1024 * 1024;

interface Harness {
  app: Express;
  server: Server;
  port: number;
  tmpDir: string;
  close(): Promise<void>;
}

async function harness(overrides: Record<string, string> = {}): Promise<Harness> {
  const tmpDir = await mkdtemp(path.join(os.tmpdir(), 'ukuk-upload-test-'));
  const app = await buildApp({ UPLOAD_TMP_DIR: tmpDir, ...overrides });
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    app,
    server,
    port: (server.address() as AddressInfo).port,
    tmpDir,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await rm(tmpDir, { recursive: true, force: true });
    },
  };
}

/** A report journey at its evidence step: the session cookie and the form's action (with its CSRF token). */
async function atEvidence(app: Express): Promise<{ agent: Agent; cookie: string; action: string }> {
  const agent = browser(app);
  // The first answers open the session (showing the form opened none): its cookie is the one to send.
  const opened = await answer(agent, '/en/reports/new/what-happened', {
    organisationName: 'Upload Org',
    sector: 'online',
    description: 'They publish phone numbers.',
    knowDate: 'no',
  });
  const page = await agent.get('/en/reports/new/evidence').expect(200);
  return { agent, cookie: cookieFrom(setCookies(opened)), action: multipartActionFrom(page.text) };
}

describe('uploads: multipart bodies are read only by the routes that take files, after the CSRF check', () => {
  let h: Harness;
  before(async () => {
    // Small limits, so each can be reached: 1 MB files, two uploads at once, one per address (X-Forwarded-For
    // from loopback is trusted, so tests can come from several addresses).
    h = await harness({ UPLOAD_MAX_FILE_MB: '1', UPLOAD_CONCURRENT: '2', UPLOAD_CONCURRENT_PER_ADDRESS: '1', TRUST_PROXY: 'loopback' });
  });
  after(async () => {
    await h.close();
  });

  it('answers a multipart POST without the token in its action with 403 before reading its body, and closes the connection', async () => {
    const { cookie } = await atEvidence(h.app);
    // A form sent with a missing or stale token gets the "open too long" page (a journey step is shown again),
    // never a frightening refusal; either way its body, vouched for by no valid token, is not read.
    for (const [target, page] of [
      ['/en/track', 'This page was open too long'],
      ['/en/reports/new/evidence', 'This page was open too long'],
    ] as const) {
      // Headers announcing 40 MB, and not one byte of the body.
      const upload = await openUpload(h.port, target, { cookie, length: 40 * MEGABYTE });
      const response = await upload.response;
      expect(response.status, target).to.equal(403);
      expect(response.text).to.match(/connection: close/i);
      expect(response.text).to.include(page);
    }
    expect(await filesUnder(h.tmpDir)).to.deep.equal([]);
  });

  it('takes the token from the form’s action: the page prints it there, and the form works without JavaScript', async () => {
    const { agent, action } = await atEvidence(h.app);
    expect(action).to.match(/^\/en\/reports\/new\/evidence\?_csrf=[^&]+$/);
    const response = await agent.post(action).field('upload', '1').attach('evidence', PDF, 'letter.pdf').expect(303);
    expect(response.headers.location).to.equal('/en/reports/new/evidence');
    // The token in the body alone is not enough for a multipart form.
    const page = await agent.get('/en/reports/new/evidence').expect(200);
    await agent.post('/en/reports/new/evidence').field('_csrf', csrfTokenFrom(page.text)).attach('evidence', PDF, 'again.pdf').expect(403);
  });

  it('stops writing a file at the size limit and says which file was too big', async () => {
    const { cookie, action } = await atEvidence(h.app);
    const parts = [fieldPart('upload', '1'), filePartHeader('evidence', 'scan-of-contract.pdf'), PDF];
    const fileBytes = 3 * MEGABYTE;
    const length = parts.reduce((sum, part) => sum + part.length, 0) + fileBytes + CLOSING.length;
    const upload = await openUpload(h.port, action, { cookie, length });
    let largest = 0;
    const watching = setInterval(() => {
      void filesUnder(h.tmpDir).then((files) => files.forEach((file) => (largest = Math.max(largest, file.size))));
    }, 5);
    try {
      for (const part of parts) await upload.write(part);
      await upload.write(Buffer.alloc(512 * 1024, 0x20));
      // The file is being written to disk (encrypted), not kept in memory.
      await waitUntil('the upload reaches the disk', async () => (await filesUnder(h.tmpDir)).some((file) => file.size > 0));
      const response = await sendBody(upload, [], { bytes: fileBytes - 512 * 1024, chunkSize: 256 * 1024 }, [CLOSING]);
      expect(response.status).to.equal(400);
      expect(response.text).to.include('“scan-of-contract.pdf” is too big: each file must be smaller than 1 MB');
    } finally {
      clearInterval(watching);
    }
    expect(largest, 'bytes of the file kept on disk').to.be.above(0).and.at.most(MEGABYTE);
    await waitUntil('the temporary files are removed', async () => (await filesUnder(h.tmpDir)).length === 0);
  });

  it('keeps what was typed after a file over the limit, whatever bytes the file holds', async () => {
    const { reference, code } = await createCase();
    const agent = browser(h.app);
    await answer(agent, '/en/track', { reference, accessCode: code });
    const page = await agent.get('/en/track/case').expect(200);
    // Three megabytes that keep nearly matching a part delimiter (the parser skips them past the limit).
    const big = Buffer.from('\r\n--\r\n-\r\n--\r\n---x'.repeat((3 * MEGABYTE) / 20).slice(0, 3 * MEGABYTE));
    const response = await agent
      .post(multipartActionFrom(page.text))
      .attach('files', big, 'recording.pdf')
      .field('body', 'Typed after choosing the file: Кыргызча текст.')
      .attach('files', PDF, 'letter.pdf')
      .expect(400);
    expect(response.text).to.include('“recording.pdf” is too big');
    expect(response.text).to.include('Typed after choosing the file: Кыргызча текст.');
    await waitUntil('the temporary files are removed', async () => (await filesUnder(h.tmpDir)).length === 0);
  });

  it('removes temporary files whatever happens: stored, refused, malformed, or the browser gave up', async () => {
    const { agent, cookie, action } = await atEvidence(h.app);
    const empty = async (): Promise<boolean> => (await filesUnder(h.tmpDir)).length === 0;
    await agent.post(action).field('upload', '1').attach('evidence', TEXT, 'notes.txt').expect(303);
    await waitUntil('nothing is left after a stored file', empty);
    await agent.post(action).field('upload', '1').attach('evidence', PNG, 'not-a.pdf').expect(400);
    await waitUntil('nothing is left after a refused file', empty);

    const parts = [filePartHeader('evidence', 'half.pdf'), PDF];
    const aborted = await openUpload(h.port, action, { cookie, length: 2 * MEGABYTE });
    for (const part of parts) await aborted.write(part);
    await aborted.write(Buffer.alloc(64 * 1024, 0x20));
    await waitUntil('the upload reaches the disk', async () => (await filesUnder(h.tmpDir)).length > 0);
    aborted.socket.destroy();
    await waitUntil('nothing is left after the browser gave up', empty);

    const malformed = await openUpload(h.port, action, { cookie, length: 200 * 1024 });
    const response = await sendBody(malformed, parts, { bytes: 200 * 1024 - parts.reduce((sum, part) => sum + part.length, 0) });
    expect(response.status).to.equal(400);
    await waitUntil('nothing is left after a body without its closing boundary', empty);
  });

  it('caps uploads at once from one address (429), and frees the slot when the upload ends', async () => {
    const { agent, cookie, action } = await atEvidence(h.app);
    const slow = await openUpload(h.port, action, { cookie, length: MEGABYTE, headers: { 'X-Forwarded-For': '198.51.100.7' } });
    await slow.write(filePartHeader('evidence', 'slow.pdf'));
    await slow.write(PDF);
    await waitUntil('the first upload reaches the disk', async () => (await filesUnder(h.tmpDir)).length > 0);
    const second = await agent.post(action).set('X-Forwarded-For', '198.51.100.7').field('upload', '1').attach('evidence', PDF, 'second.pdf');
    expect(second.status).to.equal(429);
    expect(second.text).to.include('Too many attempts');
    slow.socket.destroy();
    await waitUntil(
      'the slot is free again',
      async () => (await agent.post(action).set('X-Forwarded-For', '198.51.100.7').field('upload', '1').attach('evidence', PDF, 'third.pdf')).status === 303,
    );
  });

  it('caps uploads at once in the whole process, whatever the address', async () => {
    const { agent, cookie, action } = await atEvidence(h.app);
    const slow = await Promise.all(
      ['198.51.100.8', '198.51.100.9'].map((address) => openUpload(h.port, action, { cookie, length: MEGABYTE, headers: { 'X-Forwarded-For': address } })),
    );
    for (const upload of slow) {
      await upload.write(filePartHeader('evidence', 'slow.pdf'));
      await upload.write(PDF);
    }
    await waitUntil('both uploads have started', async () => (await filesUnder(h.tmpDir)).length === 2);
    const other = await agent.post(action).set('X-Forwarded-For', '203.0.113.9').field('upload', '1').attach('evidence', PDF, 'other.pdf');
    expect(other.status).to.equal(429);
    for (const upload of slow) upload.socket.destroy();
    await waitUntil(
      'the slots are free again',
      async () => (await agent.post(action).set('X-Forwarded-For', '203.0.113.9').field('upload', '1').attach('evidence', PDF, 'later.pdf')).status === 303,
    );
  });

  it('takes several files in one post on the citizen’s message form', async () => {
    const { knex } = testDatabase();
    const { reference, code, caseId } = await createCase();
    const agent = browser(h.app);
    await answer(agent, '/en/track', { reference, accessCode: code });
    const page = await agent.get('/en/track/case').expect(200);
    expect(page.text).to.match(/<input class="file-upload" id="files" name="files" type="file" multiple accept="[^"]*\.heic[^"]*\.docx/);
    await agent
      .post(multipartActionFrom(page.text))
      .field('body', 'Three files.')
      .attach('files', PDF, 'one.pdf')
      .attach('files', PNG, 'two.png')
      .attach('files', TEXT, 'three.txt')
      .expect(303);
    expect(await knex('attachments').where({ case_id: caseId }).orderBy('file_name').pluck('file_name')).to.deep.equal(['one.pdf', 'three.txt', 'two.png']);
  });
});

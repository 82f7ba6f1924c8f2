import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import supertest from 'supertest';
import { TEST_ENV } from '../support/app.ts';
import { csrfTokenFrom, multipartActionFrom, setCookies } from '../support/browser.ts';
import { testDatabase } from '../support/database.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { cookieFrom, filePartHeader, filesUnder, openUpload, sendBody, waitUntil, type RawResponse } from '../support/uploads.ts';

const MEGABYTE = 1024 * 1024;
const SOCKETS = 30;
const BODY_BYTES = 49 * MEGABYTE;

/** Resident memory of a process, from the kernel (what `top` shows). */
function residentMegabytes(pid: number): number {
  const line = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${String(pid)}/status`, 'utf8'))?.[1];
  return Number(line ?? 0) / 1024;
}

/**
 * The attack from the report: sockets each sending a multipart body that never closes its boundary. Every
 * socket first sends its headers and the part's header; the bodies follow once the server has answered the
 * `refused` ones (it answers a refusal before reading any body), so how many it takes does not depend on timing.
 */
async function attack(port: number, target: string, bodyBytes: number, refused: number, cookie?: string): Promise<number[]> {
  const header = filePartHeader('evidence', 'x.pdf');
  const uploads = [];
  for (let index = 0; index < SOCKETS; index++) {
    const upload = await openUpload(port, target, { length: bodyBytes, headers: HTTPS, ...(cookie ? { cookie } : {}) });
    await upload.write(header);
    uploads.push(upload);
  }
  let answered = 0;
  for (const upload of uploads) void upload.response.then(() => (answered += 1));
  await waitUntil(`${String(refused)} uploads refused`, () => answered >= refused, 30_000);
  const responses = await Promise.all(uploads.map((upload) => sendBody(upload, [], { bytes: bodyBytes - header.length, chunkSize: 256 * 1024 })));
  return responses.map((response: RawResponse) => response.status);
}

/** Measured as deployed: production mode (cached views), behind a TLS-terminating proxy on loopback. */
const PRODUCTION = {
  NODE_ENV: 'production',
  TRUST_PROXY: 'loopback',
  SESSION_SECRET: TEST_ENV.SESSION_SECRET,
  DATA_ENCRYPTION_KEY: TEST_ENV.DATA_ENCRYPTION_KEY,
  AUTHORITY_NAME_KY: 'Агенттик',
  AUTHORITY_NAME_RU: 'Агентство',
  AUTHORITY_NAME_EN: 'Agency',
  AUTHORITY_ADDRESS_KY: 'Бишкек',
  AUTHORITY_ADDRESS_RU: 'Бишкек',
  AUTHORITY_ADDRESS_EN: 'Bishkek',
  AUTHORITY_EMAIL: 'info@example.kg',
  AUTHORITY_PHONE: '+996 312 000000',
  PUBLIC_URL: 'https://ukuk.example.kg',
  SMTP_URL: 'smtp://127.0.0.1:9',
  MAIL_FROM: 'no-reply@example.kg',
};
const HTTPS = { 'X-Forwarded-Proto': 'https' };

describe('uploads under attack: a real server process', function () {
  this.timeout(180_000);
  let server: ServerProcess;
  let tmpDir: string;
  let base: string;

  before(async () => {
    tmpDir = await mkdtemp(path.join(os.tmpdir(), 'ukuk-upload-attack-'));
    server = await startServerProcess({
      ...PRODUCTION,
      DATABASE_URL: testDatabase().url,
      DATABASE_POOL_MAX: '4',
      UPLOAD_TMP_DIR: tmpDir,
    });
    await server.waitFor('Ukuk is ready');
    base = `http://127.0.0.1:${String(server.port)}`;
  });
  after(async () => {
    server.child.kill('SIGTERM');
    await server.exited;
    await rm(tmpDir, { recursive: true, force: true });
  });

  it(`${String(SOCKETS)} sockets × 49 MB multipart bodies without a closing boundary leave memory within 100 MB of idle`, async () => {
    const pid = server.child.pid ?? 0;
    const first = await supertest(base).get('/en/reports/new/what-happened').set(HTTPS).expect(200);
    // The first answers open the session (showing the form opened none, only the form cookie its token needs).
    const opened = await supertest(base)
      .post('/en/reports/new/what-happened')
      .set(HTTPS)
      .set('Cookie', cookieFrom(setCookies(first)))
      .type('form')
      .send({ _csrf: csrfTokenFrom(first.text), organisationName: 'Memory Org', sector: 'online', description: 'd', knowDate: 'no' })
      .expect(303);
    const cookie = cookieFrom(setCookies(opened));
    const evidence = await supertest(base).get('/en/reports/new/evidence').set(HTTPS).set('Cookie', cookie).expect(200);
    const action = multipartActionFrom(evidence.text);
    // Idle is measured after the same requests with 1 MB bodies: what they load once (modules, views, pools)
    // is the process's size, not the attack's.
    for (let round = 0; round < 2; round++) {
      await attack(server.port, '/en/track', MEGABYTE, SOCKETS);
      await attack(server.port, action, MEGABYTE, SOCKETS - 3, cookie);
    }
    const idle = residentMegabytes(pid);

    let peak = idle;
    const sampling = setInterval(() => (peak = Math.max(peak, residentMegabytes(pid))), 25);
    try {
      // As reported: no session, at the sign-in form. Refused at the CSRF check, before any byte of the body.
      const anonymous = await attack(server.port, '/en/track', BODY_BYTES, SOCKETS);
      expect(new Set(anonymous), 'every anonymous body refused').to.deep.equal(new Set([403]));
      // With a real session and token, at a route that takes files: a few are read (to disk, capped per
      // file), the rest refused at once; the bodies that were read are malformed (no closing boundary).
      const signedIn = await attack(server.port, action, BODY_BYTES, SOCKETS - 3, cookie);
      expect(signedIn.filter((status) => status === 429).length, 'refused: too many at once').to.equal(SOCKETS - 3);
      expect(
        signedIn.filter((status) => status !== 429).every((status) => status === 400),
        signedIn.join(),
      ).to.equal(true);
    } finally {
      clearInterval(sampling);
    }
    const after = residentMegabytes(pid);
    // For the record (the report saw 215 MB → 1,744 MB).
    process.stdout.write(`      RSS idle ${idle.toFixed(0)} MB, peak ${peak.toFixed(0)} MB, after ${after.toFixed(0)} MB\n`);
    expect(peak - idle, `peak ${peak.toFixed(0)} MB over idle ${idle.toFixed(0)} MB`).to.be.below(100);
    expect(after - idle).to.be.below(100);
    await waitUntil('temporary files are removed', async () => (await filesUnder(tmpDir)).length === 0);
    // Still serving.
    await supertest(base).get('/en/reports/new/evidence').set(HTTPS).set('Cookie', cookie).expect(200);
  });
});

describe('slow clients are dropped: request and header timeouts', function () {
  this.timeout(60_000);
  let server: ServerProcess;

  before(async () => {
    server = await startServerProcess({
      ...TEST_ENV,
      DATABASE_URL: testDatabase().url,
      DATABASE_POOL_MAX: '2',
      REQUEST_TIMEOUT_SECONDS: '3',
      HEADERS_TIMEOUT_SECONDS: '2',
    });
    await server.waitFor('Ukuk is ready');
  });
  after(async () => {
    server.child.kill('SIGTERM');
    await server.exited;
  });

  function slowClient(send: (socket: net.Socket) => void): Promise<{ answer: string; seconds: number }> {
    return new Promise((resolve, reject) => {
      const started = Date.now();
      const socket = net.connect(server.port, '127.0.0.1', () => send(socket));
      let answer = '';
      socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
      socket.on('error', reject);
      socket.on('close', () => resolve({ answer, seconds: (Date.now() - started) / 1000 }));
    });
  }

  it('drops a client whose headers never end (408 within the headers timeout)', async () => {
    const { answer, seconds } = await slowClient((socket) => socket.write('GET /en/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: '));
    expect(answer).to.match(/^HTTP\/1\.1 408/);
    expect(seconds).to.be.below(10);
  });

  it('drops a client whose body trickles in (408 within the request timeout)', async () => {
    const { answer, seconds } = await slowClient((socket) => {
      socket.write('POST /en/track HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nreference=');
      // A few bytes now and then, then silence well before the timeout (a write after the server closed the
      // connection would be answered with a reset, losing its 408).
      let drops = 0;
      const drip = setInterval(() => {
        if (drops++ < 3 && socket.writable) socket.write('a');
        else clearInterval(drip);
      }, 400);
      socket.on('close', () => clearInterval(drip));
    });
    expect(answer).to.match(/^HTTP\/1\.1 408/);
    expect(seconds).to.be.at.least(2).and.below(12);
  });
});

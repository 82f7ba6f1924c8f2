import { spawnSync } from 'node:child_process';
import { expect } from 'chai';
import type { Express } from 'express';
import type { Knex } from 'knex';
import supertest from 'supertest';
import { createHash } from 'node:crypto';
import { GENESIS_HASH, hashIp, hashSql } from '../../src/features/audit/canonical.ts';
import { flushSecurityEvents, SECURITY_WINDOW_MS } from '../../src/features/audit/security-events.ts';
import { latestCheckpoint, record, recordAlone, verifyChain, writeCheckpoint, type Verification } from '../../src/features/audit/service.ts';
import { buildApp, releaseApp, TEST_ENV } from '../support/app.ts';
import { inBatches } from '../support/batches.ts';
import { ROOT, scratchDatabase, testDatabase } from '../support/database.ts';

/** A moment by which every refusal window open now has ended. */
function windowsEnded(): Date {
  return new Date(Date.now() + SECURITY_WINDOW_MS);
}

function problemOf(result: Verification): string {
  return result.ok ? '' : result.problem;
}

async function appendEvents(knex: Knex, count: number, action = 'test.appended'): Promise<void> {
  for (let i = 0; i < count; i++) await recordAlone(knex, { actorType: 'system', action, entityType: 'test', entityId: i, details: { n: i } });
}

async function withoutTriggers(knex: Knex, change: (knex: Knex) => Promise<unknown>): Promise<void> {
  await knex.raw('alter table audit_events disable trigger user');
  try {
    await change(knex);
  } finally {
    await knex.raw('alter table audit_events enable always trigger audit_events_no_update_delete');
    await knex.raw('alter table audit_events enable always trigger audit_events_no_truncate');
  }
}

function runCli(script: string, databaseUrl: string): { status: number | null; stdout: string } {
  const result = spawnSync(process.execPath, [script], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, ...TEST_ENV, DATABASE_URL: databaseUrl },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout };
}

describe('audit trail', () => {
  describe('recording', () => {
    it('commits the event together with the change it describes', async () => {
      const { knex } = testDatabase();
      await knex.transaction(async (trx) => {
        await trx('rate_limits').insert({ key: 'a'.repeat(64), hits: 1, resets_at: new Date() });
        await record(trx, { actorType: 'system', action: 'test.committed', entityType: 'rate_limit', entityId: 'a' });
      });
      expect(await knex('audit_events').where({ action: 'test.committed' })).to.have.length(1);
      expect(await knex('rate_limits').where({ key: 'a'.repeat(64) })).to.have.length(1);
    });

    it('rolls the change back when its event cannot be written', async () => {
      const { knex } = testDatabase();
      const attempt = knex.transaction(async (trx) => {
        await trx('rate_limits').insert({ key: 'b'.repeat(64), hits: 1, resets_at: new Date() });
        await record(trx, { actorType: 'system', action: 'test.refused', details: { note: 'a sentence typed by someone' } });
      });
      await expect(attempt).to.be.rejectedWith(/not free text/);
      expect(await knex('rate_limits').where({ key: 'b'.repeat(64) })).to.have.length(0);
      expect(await knex('audit_events').where({ action: 'test.refused' })).to.have.length(0);
    });

    it('keeps the chain linear under 60 concurrent appends from separate connections, alone and in transactions', async () => {
      const scratch = await scratchDatabase();
      try {
        await Promise.all(
          Array.from({ length: 60 }, (_, i) => {
            const event = { actorType: 'citizen', actorId: i, action: 'test.concurrent', details: { i } } as const;
            return i % 2 === 0 ? recordAlone(scratch.knex, event) : scratch.knex.transaction((trx) => record(trx, event));
          }),
        );
        const result = await verifyChain(scratch.knex);
        expect(result).to.deep.include({ ok: true, count: 60 });
        const links = await scratch.knex('audit_events').countDistinct<{ count: string }[]>('prev_hash as count');
        expect(Number(links[0]?.count)).to.equal(60);
      } finally {
        await scratch.drop();
      }
    });

    it('writes events of the same moment in one commit, each settled only once it is in the chain, in the order asked', async () => {
      const scratch = await scratchDatabase();
      try {
        // 40 staff searches at once: each answer waits for its own event, none for forty flushes one after another.
        const stored = await Promise.all(
          Array.from({ length: 40 }, (_, i) => recordAlone(scratch.knex, { actorType: 'staff', actorId: i, action: 'test.grouped', details: { i } })),
        );
        const rows = await scratch.knex('audit_events').orderBy('id').select<{ id: number; actor_id: string; xmin: string }[]>('id', 'actor_id', 'xmin');
        expect(stored.map((event) => event.id)).to.deep.equal(rows.map((row) => row.id));
        expect(rows.map((row) => row.actor_id)).to.deep.equal(Array.from({ length: 40 }, (_, i) => String(i)));
        expect(new Set(rows.map((row) => row.xmin)).size).to.be.lessThan(40);
        expect(await verifyChain(scratch.knex)).to.deep.include({ ok: true, count: 40 });
        // A bad event in the group is refused before it reaches the database; the others are written.
        const mixed = await Promise.allSettled([
          recordAlone(scratch.knex, { actorType: 'system', action: 'test.grouped' }),
          recordAlone(scratch.knex, { actorType: 'system', action: 'test.grouped', details: { note: 'a sentence typed by someone' } }),
          recordAlone(scratch.knex, { actorType: 'system', action: 'test.grouped' }),
        ]);
        expect(mixed.map((outcome) => outcome.status)).to.deep.equal(['fulfilled', 'rejected', 'fulfilled']);
        expect(await verifyChain(scratch.knex)).to.deep.include({ ok: true, count: 42 });
      } finally {
        await scratch.drop();
      }
    });
  });

  describe('protection in the database', () => {
    it('refuses UPDATE, DELETE and TRUNCATE even for a superuser', async () => {
      const { knex } = testDatabase();
      await recordAlone(knex, { actorType: 'system', action: 'test.protected' });
      await expect(knex('audit_events').update({ action: 'test.changed' })).to.be.rejectedWith(/append-only: UPDATE refused/);
      await expect(knex('audit_events').delete()).to.be.rejectedWith(/append-only: DELETE refused/);
      await expect(knex.raw('truncate audit_events')).to.be.rejectedWith(/append-only: TRUNCATE refused/);
      // Replication mode (which skips ordinary triggers) does not help either.
      await expect(
        knex.transaction(async (trx) => {
          await trx.raw('set local session_replication_role = replica');
          await trx('audit_events').delete();
        }),
      ).to.be.rejectedWith(/append-only: DELETE refused/);
      await writeCheckpoint(knex);
      await expect(knex('audit_checkpoints').update({ event_count: 0 })).to.be.rejectedWith(/append-only: UPDATE refused/);
      await expect(knex('audit_checkpoints').delete()).to.be.rejectedWith(/append-only: DELETE refused/);
      await expect(knex.raw('truncate audit_checkpoints')).to.be.rejectedWith(/append-only: TRUNCATE refused/);
    });

    it('gives a non-owner role no UPDATE, DELETE or TRUNCATE privilege', async () => {
      const { knex } = testDatabase();
      const grants = await knex.raw<{ rows: { grantee: string; privilege_type: string }[] }>(
        `select grantee, privilege_type from information_schema.role_table_grants
         where table_name = 'audit_events' and privilege_type in ('UPDATE','DELETE','TRUNCATE')
           and grantee <> (select tableowner from pg_tables where tablename = 'audit_events')`,
      );
      expect(grants.rows).to.deep.equal([]);
    });
  });

  describe('verification catches every kind of tampering', () => {
    let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
    beforeEach(async () => {
      scratch = await scratchDatabase();
      await appendEvents(scratch.knex, 10);
      expect(await verifyEveryWay(scratch.knex)).to.deep.include({ ok: true, count: 10 });
    });
    afterEach(async () => {
      await scratch.drop();
    });

    /**
     * Verifies in one batch and in batches and segments small enough that every event sits at a boundary
     * somewhere: the verdict (which event, how many valid before it, what is wrong) must not depend on it.
     */
    async function verifyEveryWay(knex: Knex): Promise<Verification> {
      const ways = [{ parallel: 1 }, { parallel: 1, batchSize: 3 }, { parallel: 3, batchSize: 2 }, { parallel: 4, batchSize: 1 }];
      const [first, ...others] = await Promise.all(ways.map((way) => verifyChain(knex, way)));
      for (const other of others) expect(other).to.deep.equal(first);
      return first as Verification;
    }

    async function ids(knex: Knex): Promise<number[]> {
      return (await knex('audit_events').orderBy('id').select('id')).map((row: { id: number }) => row.id);
    }

    it('a changed column', async () => {
      const [, , third] = await ids(scratch.knex);
      await withoutTriggers(scratch.knex, (knex) =>
        knex('audit_events')
          .where({ id: third })
          .update({ details: { n: 99 } }),
      );
      expect(await verifyEveryWay(scratch.knex)).to.deep.include({ ok: false, eventId: third, count: 2 });
    });

    it('a row deleted in the middle', async () => {
      const list = await ids(scratch.knex);
      await withoutTriggers(scratch.knex, (knex) => knex('audit_events').where({ id: list[4] }).delete());
      const result = await verifyEveryWay(scratch.knex);
      expect(result).to.deep.include({ ok: false, eventId: list[5] });
      expect(problemOf(result)).to.match(/removed, inserted or reordered/);
    });

    it('the newest rows deleted (caught by the checkpoint)', async () => {
      await writeCheckpoint(scratch.knex);
      const list = await ids(scratch.knex);
      await withoutTriggers(scratch.knex, (knex) => knex('audit_events').where('id', '>', list[6]!).delete());
      const result = await verifyEveryWay(scratch.knex);
      expect(result).to.deep.include({ ok: false, count: 7 });
      expect(problemOf(result)).to.match(/recorded 10 events, but the chain has only 7/);
    });

    it('a forged row slipped into a gap, with a correctly computed hash', async () => {
      // A rolled-back append leaves a gap in the ids, as in real life.
      await scratch.knex
        .transaction(async (trx) => {
          await record(trx, { actorType: 'system', action: 'test.rolled_back' });
          throw new Error('rollback');
        })
        .catch(() => undefined);
      await appendEvents(scratch.knex, 2);
      const rows = await scratch.knex('audit_events').orderBy('id').select('id', 'hash');
      const before = rows[9] as { id: number; hash: string };
      const after = rows[10] as { id: number };
      expect(after.id - before.id).to.equal(2);
      const forged = {
        id: before.id + 1,
        occurred_at: '2026-11-22T10:00:00.000Z',
        actor_type: 'staff',
        actor_id: '1',
        action: 'case.decided',
        entity_type: 'case',
        entity_id: '5',
        request_id: null,
        details: {},
        prev_hash: before.hash,
        hash: 'pending',
      };
      await withoutTriggers(scratch.knex, async (knex) => {
        // A superuser forger also drops the constraint that keeps two events from sharing a predecessor.
        await knex.raw('alter table audit_events drop constraint audit_events_prev_hash_unique');
        await knex('audit_events').insert(forged);
        // Its hash computed exactly as the portal would: the forgery itself is internally consistent.
        await knex.raw(`update audit_events set hash = ${hashSql()} where id = ?`, [forged.id]);
      });
      const result = await verifyEveryWay(scratch.knex);
      // The forgery is perfect in itself; the genuine event after it no longer links.
      expect(result).to.deep.include({ ok: false, eventId: after.id });
    });

    it('two rows swapped', async () => {
      const list = await ids(scratch.knex);
      const [a, b] = [list[3]!, list[4]!];
      await withoutTriggers(scratch.knex, async (knex) => {
        const rowA = await knex('audit_events').where({ id: a }).first();
        const rowB = await knex('audit_events').where({ id: b }).first();
        await knex('audit_events').whereIn('id', [a, b]).delete();
        await knex('audit_events').insert([
          { ...rowB, id: a },
          { ...rowA, id: b },
        ]);
      });
      expect(await verifyEveryWay(scratch.knex)).to.deep.include({ ok: false, eventId: a });
    });

    it('a checkpoint that no longer matches a rewritten history', async () => {
      await writeCheckpoint(scratch.knex);
      // Rewrite everything consistently from scratch: the chain verifies on its own, the checkpoint does not.
      await withoutTriggers(scratch.knex, (knex) => knex('audit_events').delete());
      await appendEvents(scratch.knex, 10, 'test.rewritten');
      const result = await verifyEveryWay(scratch.knex);
      expect(result.ok).to.be.false;
      expect(problemOf(result)).to.match(/^checkpoint \d+/);
    });
  });

  describe('canonical form', () => {
    it('is reproducible outside the portal from the documented recipe', async () => {
      const scratch = await scratchDatabase();
      try {
        const event = await recordAlone(scratch.knex, {
          actorType: 'staff',
          actorId: 7,
          action: 'case.viewed',
          entityType: 'case',
          entityId: 'PDP-2026-000123',
          requestId: 'a70b6c67-e476-4245-887b-954a8186f5c3',
          details: { zeta: 1, ab: ['x', null], status: 'triage' },
        });
        const { rows } = await scratch.knex.raw<{ rows: { at: string }[] }>(
          `select to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at from audit_events where id = ?`,
          [event.id],
        );
        // jsonb text: ", " and ": " separators; object keys shorter first, then bytewise.
        const canonical =
          `["ukuk-audit-v1", "${event.id}", "${rows[0]!.at}", "staff", "7", "case.viewed", "case", "PDP-2026-000123", ` +
          `"a70b6c67-e476-4245-887b-954a8186f5c3", {"ab": ["x", null], "zeta": 1, "status": "triage"}, "${GENESIS_HASH}"]`;
        expect(event.hash).to.equal(createHash('sha256').update(canonical, 'utf8').digest('hex'));
        expect(event.prevHash).to.equal(GENESIS_HASH);
      } finally {
        await scratch.drop();
      }
    });
  });

  describe('commands', () => {
    it('audit:verify prints OK with the count and head, and audit:checkpoint records them', async () => {
      const scratch = await scratchDatabase();
      try {
        await appendEvents(scratch.knex, 3);
        const checkpoint = runCli('src/cli/audit-checkpoint.ts', scratch.url);
        expect(checkpoint.status).to.equal(0);
        expect(checkpoint.stdout).to.match(/^Checkpoint \d+: 3 events, head [0-9a-f]{64}/);
        const latest = await latestCheckpoint(scratch.knex);
        expect(latest?.eventCount).to.equal(3);

        const verify = runCli('src/cli/audit-verify.ts', scratch.url);
        expect(verify.status).to.equal(0);
        expect(verify.stdout.trim()).to.equal(`OK 3 events, head ${latest!.headHash}`);

        await withoutTriggers(scratch.knex, (knex) => knex('audit_events').update({ actor_id: 'x' }));
        const failed = runCli('src/cli/audit-verify.ts', scratch.url);
        expect(failed.status).to.equal(1);
        expect(failed.stdout).to.match(/^FAILED at event \d+ \(after 0 valid events\): its hash does not match its content/);
      } finally {
        await scratch.drop();
      }
    });
  });

  describe('security events', () => {
    // Each test refuses requests from an address of its own: refusals are counted per client and window in the
    // database, so a refusal another test file made from the same address in the same window would take the event.
    let app: Express;
    before(async () => {
      app = await buildApp({ TRUST_PROXY: 'loopback' });
    });

    it('records a CSRF rejection without personal data', async () => {
      const { knex } = testDatabase();
      const address = '198.51.100.41';
      const response = await supertest(app).post('/en/').set('X-Forwarded-For', address).type('form').send({ name: 'Aida Tolonova' }).expect(403);
      await flushSecurityEvents(knex, windowsEnded());
      const event = await knex('audit_events').where({ action: 'security.csrf.rejected', request_id: response.headers['x-request-id'] }).first();
      expect(event).to.exist;
      expect(event.details).to.include({ method: 'POST', path: '/en/' });
      expect(event.details.ipHash).to.match(/^[0-9a-f]{32}$/);
      expect(JSON.stringify(event)).not.to.include(address);
      expect(JSON.stringify(event)).not.to.include('Aida');
    });

    it('records a cross-site refusal', async () => {
      const response = await supertest(app).post('/en/').set('X-Forwarded-For', '198.51.100.42').set('Sec-Fetch-Site', 'cross-site').expect(403);
      await flushSecurityEvents(testDatabase().knex, windowsEnded());
      expect(
        await testDatabase().knex('audit_events').where({ action: 'security.cross_site.rejected', request_id: response.headers['x-request-id'] }),
      ).to.have.length(1);
    });

    it('records rate-limit refusals as one event per window, with their count', async () => {
      const { knex } = testDatabase();
      const limited = await buildApp({ TRUST_PROXY: 'loopback' });
      const post = () => supertest(limited).post('/ky/').set('X-Forwarded-For', '198.51.100.43').type('form').send({});
      const refusals: string[] = [];
      // The limiter counts each request as it comes: the first 300 go twenty at a time; the last five one after
      // another, so the refusals are listed in the order the limiter saw them.
      const responses = await inBatches(300, 20, post);
      for (let i = 0; i < 5; i++) responses.push(await post());
      for (const response of responses) {
        if (response.status === 429) refusals.push(String(response.headers['x-request-id']));
      }
      expect(refusals).to.have.length(5);
      expect(await knex('audit_events').whereIn('request_id', refusals)).to.have.length(0);
      await flushSecurityEvents(knex, windowsEnded());
      const events = await knex('audit_events').where({ action: 'security.rate_limit.refused' }).whereIn('request_id', refusals);
      expect(events).to.have.length(1);
      expect(events[0].request_id).to.equal(refusals[0]);
      await releaseApp(limited);
      expect(events[0].details).to.include({ limiter: 'unsafe-requests', count: 5 });
    });

    it('records a flood of token-less POSTs as one CSRF event with its count, when its window ends', async () => {
      const { knex } = testDatabase();
      const flooded = await buildApp({ TRUST_PROXY: 'loopback' });
      const address = '198.51.100.77';
      const events = () =>
        knex('audit_events')
          .where({ action: 'security.csrf.rejected' })
          .whereRaw(`details ->> 'ipHash' = ?`, [hashIp(address, TEST_ENV.SESSION_SECRET)]);
      const window = () => Math.floor(Date.now() / SECURITY_WINDOW_MS);
      const first = window();
      await inBatches(200, 20, (i) =>
        supertest(flooded)
          .post('/en/')
          .set('X-Forwarded-For', address)
          .type('form')
          .send({ i: String(i) })
          .expect(403),
      );
      // On a busy machine the flood may cross the end of a ten-minute window (as it did once here): one event per window.
      const windows = window() - first + 1;
      // Nothing permanent while the window is open: the refusals are only counted.
      if (windows === 1) expect(await events()).to.have.length(0);
      await flushSecurityEvents(knex, windowsEnded());
      const recorded = await events();
      expect(recorded).to.have.length(windows);
      const counts = recorded.map((event: { details: { count: number } }) => event.details.count);
      expect(counts.reduce((sum, count) => sum + count, 0)).to.equal(200);
      for (const event of recorded) {
        expect(event.details).to.include({ method: 'POST', path: '/en/' });
        expect(event.details.windowStart).to.match(/^\d{4}-\d{2}-\d{2}T/);
        expect(JSON.stringify(event)).not.to.include(address);
      }
      // Flushed once: a second flush adds nothing.
      await flushSecurityEvents(knex, windowsEnded());
      expect(await events()).to.have.length(windows);
      await releaseApp(flooded);
    });

    it('the whole chain of this test run still verifies', async () => {
      expect((await verifyChain(testDatabase().knex)).ok).to.be.true;
    });
  });
});

/**
 * The demo cases `npm start` loads outside production: what an officer trying the back office reads must be
 * coherent — a timeline that starts when the case arrived and runs in order up to now, not one dated the
 * moment the demo was loaded beside a case received weeks earlier.
 */
import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config.ts';
import { seed } from '../../seeds/50-demo-cases.ts';
import { scratchDatabase } from '../support/database.ts';
import { TEST_ENV } from '../support/env.ts';

interface TimelineRow {
  reference: string;
  status: string;
  received_at: Date;
  closed_at: Date | null;
  times: string[];
  message_times: string[] | null;
}

describe('demo cases', () => {
  it('have timelines from the day each case arrived, in order, none in the future, closed at their last step', async () => {
    const scratch = await scratchDatabase();
    const varDir = await mkdtemp(path.join(os.tmpdir(), 'ukuk-demo-'));
    try {
      await seed(scratch.knex, { config: loadConfig({ ...TEST_ENV, VAR_DIR: varDir, DATABASE_URL: scratch.url }), log: () => undefined });
      const loaded = new Date();
      const { rows } = await scratch.knex.raw<{ rows: TimelineRow[] }>(`
        select c.reference, c.status, c.received_at, c.closed_at,
               (select array_agg(e.occurred_at::text order by e.id) from case_events e where e.case_id = c.id) as times,
               (select array_agg(m.created_at::text order by m.id) from messages m where m.case_id = c.id) as message_times
        from cases c order by c.id`);
      expect(rows).to.have.length.above(30);
      for (const row of rows) {
        const times = row.times.map((text) => new Date(text).getTime());
        expect(times[0], `${row.reference} arrived`).to.equal(row.received_at.getTime());
        expect(
          times.every((time, index) => index === 0 || time > (times[index - 1] ?? 0)),
          `${row.reference} in order`,
        ).to.equal(true);
        expect(Math.max(...times), `${row.reference} not in the future`).to.be.at.most(loaded.getTime());
        expect(times[0], `${row.reference} arrived before it was loaded`).to.be.below(loaded.getTime() - 24 * 3600 * 1000);
        if (row.closed_at) expect(row.closed_at.getTime(), `${row.reference} closed at its last step`).to.equal(times.at(-1));
        for (const text of row.message_times ?? []) {
          expect(new Date(text).getTime(), `${row.reference} message`).to.be.within(times[0] ?? 0, loaded.getTime());
        }
      }
    } finally {
      await scratch.drop();
      await rm(varDir, { recursive: true, force: true });
    }
  });
});

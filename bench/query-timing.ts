// Ad-hoc: time the queue queries on PROFILE_DATABASE_URL.
import { createKnex } from '../src/db/database.ts';
import { queuePage, statusCounts } from '../src/features/casework/repository.ts';
import { listCaseworkers } from '../src/features/staff/repository.ts';
const knex = createKnex(process.env.PROFILE_DATABASE_URL ?? '', 5);
const time = async (name: string, fn: () => Promise<unknown>) => {
  const runs: number[] = [];
  for (let i = 0; i < 30; i++) { const t = performance.now(); await fn(); runs.push(performance.now() - t); }
  runs.sort((a, b) => a - b);
  console.log(name, 'p50', runs[15]?.toFixed(2), 'p95', runs[28]?.toFixed(2));
};
await time('queue first', () => queuePage(knex, { status: 'open', today: '2026-12-03', soonUntil: '2026-12-06', sort: 'deadline' }, 25));
await time('queue received', () => queuePage(knex, { status: 'all', today: '2026-12-03', soonUntil: '2026-12-06', sort: 'received' }, 25));
await time('counts', () => statusCounts(knex));
await time('caseworkers', () => listCaseworkers(knex));
await time('sessions', () => knex('sessions').where({ sid: 'x' }).first());
await knex.destroy();

/** Mocha root hooks: one migrated database for the whole run (see database.ts). */
import { use } from 'chai';
import chaiAsPromised from 'chai-as-promised';
import { setUpTestDatabase, tearDownTestDatabase } from './database.ts';
import { closeTestApps } from './app.ts';
import { stopTestJobs } from './jobs.ts';

use(chaiAsPromised);

export const mochaHooks = {
  async beforeAll(this: Mocha.Context): Promise<void> {
    this.timeout(120_000);
    await setUpTestDatabase();
  },
  async afterAll(this: Mocha.Context): Promise<void> {
    this.timeout(60_000);
    await stopTestJobs();
    await closeTestApps();
    await tearDownTestDatabase();
  },
};

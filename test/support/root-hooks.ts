/**
 * Mocha root hooks: the run's template database is made once in the main process (global setup); each process
 * running tests works on its own copy (see database.ts). In a parallel run the root hooks run around every file
 * of a worker: a file releases its apps; the worker's database, job queue and staff stay for its next files, and
 * the main process drops every database of the run at the end.
 */
import { use } from 'chai';
import chaiAsPromised from 'chai-as-promised';
import { createTemplateDatabase, dropRunDatabases, isParallelWorker, setUpTestDatabase, tearDownTestDatabase } from './database.ts';
import { closeTestApps } from './app.ts';
import { stopTestJobs } from './jobs.ts';
import { countFinishedFiles, removeRunFiles } from './run-files.ts';

use(chaiAsPromised);

export async function mochaGlobalSetup(this: Mocha.Runner): Promise<void> {
  await createTemplateDatabase();
  countFinishedFiles(this);
}

export async function mochaGlobalTeardown(): Promise<void> {
  removeRunFiles();
  await dropRunDatabases();
}

export const mochaHooks = {
  async beforeAll(this: Mocha.Context): Promise<void> {
    this.timeout(120_000);
    await setUpTestDatabase();
  },
  async afterAll(this: Mocha.Context): Promise<void> {
    this.timeout(60_000);
    if (isParallelWorker()) {
      await closeTestApps();
      return;
    }
    await stopTestJobs();
    await closeTestApps();
    await tearDownTestDatabase();
  },
};

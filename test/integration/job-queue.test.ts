import { expect } from 'chai';
import { startJobQueue, type JobDefinition } from '../../src/jobs/queue.ts';
import { testLogger } from '../support/app.ts';
import { testDatabase } from '../support/database.ts';

/** pg-boss keeps a queue's settings from whoever created it first: the code's declaration must still win. */
describe('the job queue', () => {
  it('applies the retry settings a job declares, even when its queue was created earlier with others', async () => {
    const { knex, url } = testDatabase();
    const name = `retry-settings-${String(Date.now())}`;
    const job = (retryDelaySeconds: number): JobDefinition<never> => ({ name, retryLimit: 3, retryDelaySeconds, handle: async () => {} });
    for (const delay of [30, 2]) {
      const queue = await startJobQueue({ connectionString: url, knex, logger: testLogger(), jobs: [job(delay)], work: false, scheduleCheckSeconds: 0 });
      await queue.stop();
    }
    const row = await knex.withSchema('pgboss').table('queue').where({ name }).first<{ retry_delay: number; retry_limit: number }>();
    expect(row.retry_delay).to.equal(2);
    expect(row.retry_limit).to.equal(3);
  });
});

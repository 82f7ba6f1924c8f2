/** The database accepts exactly the workflow's states: a state added to workflow.ts without its migration fails here. */
import { expect } from 'chai';
import { STATUSES } from '../../src/features/cases/workflow.ts';
import { testDatabase } from '../support/database.ts';

describe('workflow states in the database', () => {
  it('allows every state of workflow.ts in cases.status, and no other', async () => {
    const { knex } = testDatabase();
    const result = await knex.raw<{ rows: { definition: string }[] }>(
      `select pg_get_constraintdef(oid) as definition from pg_constraint where conname = 'cases_status_check' and conrelid = 'cases'::regclass`,
    );
    const definition = result.rows[0]?.definition ?? '';
    const allowed = [...definition.matchAll(/'([a-z_]+)'/g)].map((match) => match[1]);
    expect([...allowed].sort()).to.deep.equal([...STATUSES].sort());
  });
});

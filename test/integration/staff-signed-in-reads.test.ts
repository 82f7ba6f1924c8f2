/**
 * Every back-office request reads its staff member's account afresh, and the accounts asked for at one moment are
 * read in one statement (features/staff/repository.ts): each request still gets its own account, and a change to
 * an account shows at its next request.
 */
import { expect } from 'chai';
import { findSignedInStaff } from '../../src/features/staff/repository.ts';
import { testDatabase } from '../support/database.ts';
import { newStaffAccount } from '../support/staff.ts';

describe('the accounts of signed-in staff read at one moment', () => {
  it('gives each request its own account, nothing for one that is gone, and a change at the next read', async () => {
    const { knex } = testDatabase();
    const officer = await newStaffAccount('case_officer');
    const supervisor = await newStaffAccount('supervisor');
    const [first, second, gone, again] = await Promise.all([
      findSignedInStaff(knex, officer.id),
      findSignedInStaff(knex, supervisor.id),
      findSignedInStaff(knex, 2_000_000_000),
      findSignedInStaff(knex, officer.id),
    ]);
    expect(first?.email).to.equal(officer.email);
    expect(first?.role).to.equal('case_officer');
    expect(second?.email).to.equal(supervisor.email);
    expect(gone).to.equal(undefined);
    expect(again?.email).to.equal(officer.email);

    await knex('staff_users').where({ id: officer.id }).update({ disabled_at: knex.fn.now() });
    expect((await findSignedInStaff(knex, officer.id))?.disabled_at).not.to.equal(null);
  });
});

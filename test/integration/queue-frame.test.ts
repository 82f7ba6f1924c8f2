/**
 * What every queue page shows beside its cases (read in one round trip, casework/queue-repository.ts): the cases
 * per status, and the staff who may be given cases — active supervisors and case officers, by name.
 */
import { expect } from 'chai';
import type { Express } from 'express';
import { buildApp } from '../support/app.ts';
import { queueFrameRows } from '../../src/features/casework/queue-repository.ts';
import { testDatabase } from '../support/database.ts';
import { createCase } from '../support/factories.ts';
import { newStaffAccount, staffOfRole } from '../support/staff.ts';

/** Whom the selected cases may be given to, as the bulk assignment's select lists them. */
function assigneeChoices(html: string): string[] {
  const select = /<select[^>]*name="assignTo"[^>]*>([\s\S]*?)<\/select>/.exec(html)?.[1] ?? '';
  return [...select.matchAll(/<option[^>]*>([\s\S]*?)<\/option>/g)].map(([, label = '']) => label.trim());
}

describe('the queue’s frame', () => {
  let app: Express;
  before(async () => {
    app = await buildApp();
  });

  it('offers active supervisors and case officers by name, never a disabled account or an auditor', async () => {
    const { agent } = await staffOfRole(app, 'supervisor');
    const { knex } = testDatabase();
    const mark = `fr${Date.now().toString(36)}`;
    const named = async (role: 'supervisor' | 'case_officer' | 'auditor', name: string) => {
      const account = await newStaffAccount(role);
      await knex('staff_users').where({ id: account.id }).update({ display_name: name });
      return account;
    };
    await named('case_officer', `${mark} Zamira`);
    await named('supervisor', `${mark} Aibek`);
    await named('auditor', `${mark} Bolot`);
    const gone = await named('case_officer', `${mark} Chynara`);
    await knex('staff_users').where({ id: gone.id }).update({ disabled_at: knex.fn.now() });

    // The assignment is offered beside a page of cases: one at least.
    await createCase({ organisationName: `${mark} Telecom` });
    const page = await agent.get('/staff/cases').query({ q: mark }).expect(200);
    const ours = assigneeChoices(page.text).filter((label) => label.startsWith(mark));
    expect(ours).to.deep.equal([`${mark} Aibek (Supervisor)`, `${mark} Zamira (Case officer)`]);
    // The counts per status beside them.
    const counted = await knex('cases').where({ status: 'submitted' }).count<{ n: number }[]>('* as n');
    expect(page.text).to.include(`Received: <strong>${String(counted[0]?.n)}</strong>`);
  });

  it('reads the frame once for the queue pages asked for at the same moment, each given the whole of it', async () => {
    const { knex } = testDatabase();
    const officer = await newStaffAccount('case_officer');
    // (Compared with each other only: other test files may add cases meanwhile.)
    const [first, ...others] = await Promise.all([queueFrameRows(knex), queueFrameRows(knex), queueFrameRows(knex)]);
    for (const frame of others) expect(frame).to.deep.equal(first);
    expect(first.caseworkers.map((worker) => worker.id)).to.include(officer.id);
  });
});

/**
 * The queue for a short received-date range in deadline order (casework/queue-repository.ts): read a Bishkek day
 * at a time where the status scope holds most cases, from the range as a whole otherwise. Either way a supervisor
 * paging through "the cases received in these days, earliest deadline first" sees every case of those days once,
 * in deadline order, and none from the day before or after.
 */
import { expect } from 'chai';
import { buildApp } from '../support/app.ts';
import type { QueueFilter } from '../../src/features/casework/queue-filters-repository.ts';
import { queuePage, readsByDay } from '../../src/features/casework/queue-repository.ts';
import { testDatabase } from '../support/database.ts';
import { createCase } from '../support/factories.ts';
import { staffOfRole } from '../support/staff.ts';

/** When each case was received (UTC; Bishkek is UTC+6) and its deadline: days' edges, shared deadlines. */
const MADE = [
  { receivedAt: '2011-02-28T17:59:59Z', answerDue: '2011-03-02' }, // 28 February 23:59 in Bishkek: outside
  { receivedAt: '2011-02-28T18:00:00Z', answerDue: '2011-04-20' }, // 1 March 00:00: the range's first moment
  { receivedAt: '2011-03-01T09:00:00Z', answerDue: '2011-04-11' },
  { receivedAt: '2011-03-01T10:00:00Z', answerDue: '2011-04-11' },
  { receivedAt: '2011-03-02T03:00:00Z', answerDue: '2011-04-11', status: 'closed' },
  { receivedAt: '2011-03-02T04:00:00Z', answerDue: '2011-03-30' },
  { receivedAt: '2011-03-03T12:00:00Z', answerDue: '2011-05-02', status: 'closed' },
  { receivedAt: '2011-03-03T13:00:00Z', answerDue: '2011-03-29' },
  { receivedAt: '2011-03-04T20:00:00Z', answerDue: '2011-04-01', status: 'closed' }, // 5 March 02:00 in Bishkek
  { receivedAt: '2011-03-05T17:59:59Z', answerDue: '2011-03-25' }, // 5 March 23:59: the range's last moment
  { receivedAt: '2011-03-05T18:00:00Z', answerDue: '2011-03-01' }, // 6 March 00:00: outside
] as const;

describe('the queue for a few days received, earliest deadline first', () => {
  const ids: number[] = [];
  const references = new Map<number, string>();
  const filter = (status: string, after?: [string, number]): QueueFilter => ({
    status,
    today: '2011-03-10',
    soonUntil: '2011-03-17',
    from: '2011-03-01',
    to: '2011-03-05',
    sort: 'deadline',
    after,
  });

  before(async () => {
    const { knex } = testDatabase();
    for (const made of MADE) {
      const { caseId, reference } = await createCase({ organisationName: 'Range Test Org' });
      references.set(caseId, reference);
      await knex('cases')
        .where({ id: caseId })
        .update({ received_at: made.receivedAt, answer_due: made.answerDue, ...('status' in made ? { status: made.status } : {}) });
      ids.push(caseId);
    }
  });

  /** Every page of three, following each page's link to the next. */
  async function pageThrough(status: string): Promise<number[]> {
    const { knex } = testDatabase();
    const seen: number[] = [];
    let after: [string, number] | undefined;
    do {
      const page = await queuePage(knex, filter(status, after), 3);
      expect(page.rows.length).to.be.at.most(3);
      seen.push(...page.rows.map((row) => row.id));
      after = page.next;
    } while (after);
    return seen;
  }

  /** The cases made here received from 1 to 5 March (Bishkek) with these statuses, earliest deadline first. */
  function expected(statuses?: string[]): number[] {
    const inRange = MADE.map((made, index) => ({ ...made, id: ids[index] ?? 0 })).filter(
      (made) => made.receivedAt >= '2011-02-28T18:00:00Z' && made.receivedAt < '2011-03-05T18:00:00Z',
    );
    const kept = inRange.filter((made) => !statuses || statuses.includes('status' in made ? made.status : 'submitted'));
    return kept.sort((a, b) => a.answerDue.localeCompare(b.answerDue) || a.id - b.id).map((made) => made.id);
  }

  it('lists every case of those days once, in deadline order, and none from the day before or after', async () => {
    const seen = await pageThrough('all');
    expect(seen).to.deep.equal(expected());
    expect(seen).to.have.length(9);
  });

  it('shows a supervisor the same cases in the same order on the queue page', async () => {
    const { agent } = await staffOfRole(await buildApp(), 'supervisor');
    const page = await agent.get('/staff/cases?status=all&from=2011-03-01&to=2011-03-05&sort=deadline').expect(200);
    const listed = [...page.text.matchAll(/href="\/staff\/cases\/([A-Z]+-\d{4}-\d{6})"/g)].map((match) => match[1]);
    expect(listed).to.deep.equal(expected().map((id) => references.get(id)));
  });

  it('keeps to the status scope, whichever way the range is read', async () => {
    expect(await pageThrough('closed')).to.deep.equal(expected(['closed']));
    expect(await pageThrough('open')).to.deep.equal(expected(['submitted']));
  });

  it('reads by day only where the scope holds most cases and no other filter narrows it', () => {
    const counts = { submitted: 30, closed: 70 };
    expect(readsByDay(filter('all'), counts)).to.equal(true);
    expect(readsByDay(filter('closed'), counts)).to.equal(true);
    expect(readsByDay(filter('open'), counts)).to.equal(false);
    expect(readsByDay({ ...filter('all'), sector: 'banking' }, counts)).to.equal(false);
    expect(readsByDay({ ...filter('all'), sort: 'received' }, counts)).to.equal(false);
    expect(readsByDay({ ...filter('all'), from: '2011-01-01' }, counts)).to.equal(true);
    expect(readsByDay({ ...filter('all'), from: '2010-01-01' }, counts)).to.equal(false);
  });
});

import { expect } from 'chai';
import { addMonths, addWorkingDays, dueState, explainDeadline, workingDaysBetween } from '../../src/features/cases/deadlines.ts';

// 2026: 1 May (Fri) Labour Day, 5 May (Tue) Constitution Day, 9 May (Sat) Victory Day — a holiday on a weekend is not moved.
const HOLIDAYS = new Set(['2026-05-01', '2026-05-05', '2026-05-09', '2026-12-31', '2027-01-01', '2027-01-07']);

describe('working-day deadlines', () => {
  it('does not count the start day, weekends or holidays', () => {
    expect(addWorkingDays('2026-11-20', 1, HOLIDAYS)).to.equal('2026-11-23'); // Friday → Monday
    expect(addWorkingDays('2026-11-21', 1, HOLIDAYS)).to.equal('2026-11-23'); // Saturday → Monday
    expect(addWorkingDays('2026-11-23', 14, HOLIDAYS)).to.equal('2026-12-11');
    expect(addWorkingDays('2026-04-30', 1, HOLIDAYS)).to.equal('2026-05-04'); // skips the 1 May holiday and the weekend
    expect(addWorkingDays('2026-05-04', 1, HOLIDAYS)).to.equal('2026-05-06'); // skips 5 May
  });

  it('registers within 1 and answers within 14 working days across the new year holidays', () => {
    expect(addWorkingDays('2026-12-30', 1, HOLIDAYS)).to.equal('2027-01-04'); // 31 Dec and 1 Jan holidays, then the weekend
    expect(addWorkingDays('2026-12-30', 14, HOLIDAYS)).to.equal('2027-01-22'); // and 7 Jan
  });

  it('counts the working days of a pause, which push the answer date on', () => {
    // Paused on Friday 1 May (a holiday) and resumed on Wednesday 6 May: Mon 4 and Wed 6 are working days.
    const paused = workingDaysBetween('2026-05-01', '2026-05-06', HOLIDAYS);
    expect(paused).to.equal(2);
    expect(addWorkingDays('2026-05-07', paused, HOLIDAYS)).to.equal('2026-05-11');
    expect(workingDaysBetween('2026-05-06', '2026-05-06', HOLIDAYS)).to.equal(0);
  });

  it('explains a due date: working days counted, weekend days and holidays skipped', () => {
    expect(explainDeadline('2026-04-30', '2026-05-06', HOLIDAYS)).to.deep.equal({
      start: '2026-04-30',
      due: '2026-05-06',
      workingDays: 2,
      weekendDays: 2,
      holidays: ['2026-05-01', '2026-05-05'],
    });
  });

  it('adds calendar months for progress information, clamping to the month end', () => {
    expect(addMonths('2026-11-22', 3)).to.equal('2027-02-22');
    expect(addMonths('2026-11-30', 3)).to.equal('2027-02-28');
    expect(addMonths('2027-11-30', 3)).to.equal('2028-02-29');
  });

  it('flags overdue and due soon', () => {
    expect(dueState('2026-12-01', '2026-12-03')).to.equal('overdue');
    expect(dueState('2026-12-03', '2026-12-03')).to.equal('soon');
    expect(dueState('2026-12-06', '2026-12-03')).to.equal('soon');
    expect(dueState('2026-12-07', '2026-12-03')).to.equal('ok');
    expect(dueState(null, '2026-12-03')).to.equal(undefined);
  });
});

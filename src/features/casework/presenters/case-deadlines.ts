/**
 * The case page's deadlines (pure): registration, the answer (or a report's triage target), progress
 * information and a breach's notification hours, each explained — working days, weekends, holidays skipped.
 */
import { dueState, explainDeadline, type DueState } from '../../cases/deadlines.ts';
import { awaitsRegistration, caseTarget, isPaused } from '../../cases/workflow.ts';
import type { CaseFile } from '../case-file.ts';
import { dueTag, SOON_DAYS } from './queue.ts';

type DeadlineCase = Pick<
  CaseFile['case'],
  'type' | 'status' | 'received_date' | 'registration_due' | 'answer_due' | 'progress_due' | 'paused_working_days' | 'answers'
>;

function explained(start: string, due: string, holidays: ReadonlySet<string>, state: DueState | undefined) {
  const explanation = explainDeadline(start, due, holidays);
  return { ...explanation, holidayCount: explanation.holidays.length, due: explanation.due, tag: dueTag(state) };
}

export function presentDeadlines(found: DeadlineCase, holidays: ReadonlySet<string>, today: string, triageDays: number) {
  const target = caseTarget(found.type, found.status);
  const answerState = target ? dueState(found.answer_due, today, SOON_DAYS) : undefined;
  const registration = explained(
    found.received_date,
    found.registration_due,
    holidays,
    awaitsRegistration(found.status) ? dueState(found.registration_due, today) : undefined,
  );
  const answer = explained(found.received_date, found.answer_due, holidays, answerState);
  const report = found.type === 'report';
  const breach = found.type === 'breach';
  return {
    registration,
    // Reports are tips, not appeals: a triage target, never a Law No. 67 answer deadline.
    answer: report ? undefined : { ...answer, paused: isPaused(found.status), pausedDays: found.paused_working_days },
    triage: report ? { due: answer.due, tag: answer.tag, open: target === 'triage', days: triageDays } : undefined,
    progress: found.progress_due ? { due: found.progress_due } : undefined,
    breach: breach ? { hours: (found.answers as { hoursToNotify?: number }).hoursToNotify } : undefined,
  };
}

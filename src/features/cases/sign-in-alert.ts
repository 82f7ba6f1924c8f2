/**
 * When a case's reference draws more wrong access codes in an hour than any citizen would type (from however
 * many addresses), sign-in to it pauses for everyone until the hour ends; supervisors are told by e-mail, and
 * the audit trail records it — once per case and hour, however long the attack goes on.
 */
import type { Knex } from 'knex';
import type { JobQueue } from '../../jobs/queue.ts';
import { claimSecurityAlert } from '../audit/security-events.ts';
import { record } from '../audit/service.ts';
import { queueEmail } from '../notifications/service.ts';
import { supervisorsToAlert } from '../staff/accounts.ts';
import { findCaseByReference } from './repository.ts';

const BISHKEK_TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Bishkek', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

export interface SignInPause {
  reference: string;
  failures: number;
  windowStart: Date;
  windowEnd: Date;
  requestId: string | null;
}

/** Alerts staff that sign-in to this case is paused; false when it was already done for this window (or no such case). */
export async function alertSignInPaused(deps: { knex: Knex; jobs: JobQueue }, pause: SignInPause): Promise<boolean> {
  const found = await findCaseByReference(deps.knex, pause.reference);
  if (!found) return false;
  return deps.knex.transaction(async (trx) => {
    if (!(await claimSecurityAlert(trx, 'case_sign_in_paused', found.reference, pause.windowStart))) return false;
    const minutes = String(Math.round((pause.windowEnd.getTime() - pause.windowStart.getTime()) / 60_000));
    for (const supervisor of await supervisorsToAlert(trx)) {
      await queueEmail(trx, deps.jobs, {
        caseId: found.id,
        to: supervisor.email,
        language: supervisor.language,
        template: 'staff-sign-in-alert',
        params: { reference: found.reference, failures: String(pause.failures), count: minutes, until: BISHKEK_TIME.format(pause.windowEnd) },
      });
    }
    await record(trx, {
      actorType: 'system',
      action: 'security.case_sign_in.paused',
      entityType: 'case',
      entityId: found.reference,
      requestId: pause.requestId,
      details: { failures: pause.failures, windowMinutes: Number(minutes) },
    });
    return true;
  });
}

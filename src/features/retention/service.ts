/**
 * Retention: anonymising cases past their period (the daily job and `npm run anonymise`), legal holds that stop
 * it for a case (supervisors, with a reason; setting and lifting both audited), and what the staff case page
 * shows of both. Each case is anonymised in its own transaction with the audit event that records it; the event
 * holds counts and codes only, so the audit chain never held — and never loses — personal content.
 */
import type { Knex } from 'knex';
import type { RetentionConfig } from '../../config.ts';
import { record } from '../audit/service.ts';
import { redact, retentionEnds, scrubAnswers } from './policy.ts';
import {
  caseHolds,
  caseIdByReference,
  decisionTexts,
  expiredCaseIds,
  insertHold,
  liftHold,
  lockCaseForRetention,
  personalValues,
  scrubCase,
  updateDecisionText,
  type HoldRow,
} from './repository.ts';

export type { HoldRow };

/** Anonymises one case if it is still due at `now` (not held, not done already); whether it did. */
async function anonymiseCase(knex: Knex, caseId: number, retention: RetentionConfig, now: Date): Promise<boolean> {
  return knex.transaction(async (trx) => {
    const found = await lockCaseForRetention(trx, caseId);
    if (!found || found.anonymised_at || found.legal_hold) return false;
    const ends = retentionEnds(found, retention);
    if (!ends || ends > now) return false;
    const personal = await personalValues(trx, caseId);
    const decisions = await decisionTexts(trx, caseId);
    for (const decision of decisions)
      await updateDecisionText(trx, decision.id, { reasons: redact(decision.reasons, personal), legal_basis: redact(decision.legal_basis, personal) });
    const decisionText = found.decision_text === null ? null : redact(found.decision_text, personal);
    const counts = await scrubCase(trx, found, { answers: scrubAnswers(found.answers), decisionText });
    await record(trx, {
      actorType: 'system',
      action: 'case.anonymised',
      entityType: 'case',
      entityId: found.reference,
      details: { type: found.type, status: found.status, decisions: decisions.length, ...counts },
    });
    return true;
  });
}

export interface AnonymiseRun {
  anonymised: number;
  skipped: number;
}

/**
 * Every case past its retention period at `now`, in batches; `onProgress` hears after each case. With a
 * transaction as `knex` (a scheduled occurrence), each case is a savepoint of it.
 */
export async function anonymiseExpired(
  knex: Knex,
  retention: RetentionConfig,
  options: { now?: Date; batch?: number; onProgress?: (run: AnonymiseRun) => void } = {},
): Promise<AnonymiseRun> {
  const now = options.now ?? new Date();
  const run: AnonymiseRun = { anonymised: 0, skipped: 0 };
  const tried = new Set<number>();
  for (;;) {
    const ids = (await expiredCaseIds(knex, now, retention.years, options.batch ?? 200)).filter((id) => !tried.has(id));
    if (ids.length === 0) return run;
    for (const id of ids) {
      tried.add(id);
      if (await anonymiseCase(knex, id, retention, now)) run.anonymised++;
      else run.skipped++;
      options.onProgress?.(run);
    }
  }
}

interface HoldActor {
  id: number;
  requestId: string | null;
}

/**
 * Puts a case under a legal hold, or lifts it; false when there is no such case. Setting a hold that is in force,
 * or lifting one that is not, changes nothing. The reason stays with the hold, never in the audit trail.
 */
export async function changeLegalHold(knex: Knex, reference: string, change: { hold: boolean; reason: string }, actor: HoldActor): Promise<boolean> {
  return knex.transaction(async (trx) => {
    const id = await caseIdByReference(trx, reference);
    const locked = id === undefined ? undefined : await lockCaseForRetention(trx, id);
    if (!locked) return false;
    if (locked.anonymised_at || locked.legal_hold === change.hold) return true;
    const hold = change.hold ? await insertHold(trx, locked.id, change.reason, actor.id) : await liftHold(trx, locked.id, change.reason, actor.id);
    await record(trx, {
      actorType: 'staff',
      actorId: actor.id,
      action: change.hold ? 'case.legal_hold.set' : 'case.legal_hold.lifted',
      entityType: 'case',
      entityId: locked.reference,
      requestId: actor.requestId,
      details: { hold: hold ?? null },
    });
    return true;
  });
}

export interface CaseRetention {
  /** When the case is due to be anonymised (closed cases that expire). */
  ends?: Date;
  anonymisedAt?: Date;
  /** The hold in force, if any, and every hold set before. */
  hold?: HoldRow;
  history: HoldRow[];
}

export async function caseRetention(
  knex: Knex,
  found: { id: number; type: keyof RetentionConfig['years']; status: string; closed_at: Date | null; anonymised_at: Date | null },
  retention: RetentionConfig,
): Promise<CaseRetention> {
  const holds = await caseHolds(knex, found.id);
  const ends = retentionEnds(found, retention);
  return {
    ...(ends ? { ends } : {}),
    ...(found.anonymised_at ? { anonymisedAt: found.anonymised_at } : {}),
    ...(holds[0] && !holds[0].lifted_at ? { hold: holds[0] } : {}),
    history: holds.filter((hold) => hold.lifted_at),
  };
}

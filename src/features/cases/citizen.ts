/**
 * The citizen's side of a case: the receipt, signing in with reference and access code, what the case space
 * shows, withdrawing (messages and evidence: citizen-messages.ts; downloads: citizen-files.ts; a lost access
 * code: lost-code.ts).
 * Every function takes the case id from the signed-in session — never from the request — so one case's
 * session cannot reach another case.
 */
import type { Knex } from 'knex';
import type { Config } from '../../config.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { open } from '../../lib/sealing.ts';
import type { AttachmentDeps, AttachmentRow } from '../attachments/service.ts';
import { record, recordAlone } from '../audit/service.ts';
import { queueCaseUpdate, queueUnsolicitedEmail } from '../notifications/service.ts';
import { citizenDecision, citizenFiles, type CitizenDecision } from '../casework/service.ts';
import { eventLabelKey } from '../casework/timeline.ts';
import { checkTransition, isOpenStatus } from './workflow.ts';
import { accessCodeMatches } from './access-code.ts';
import type { CaseKeys } from './keys.ts';
import { normaliseReference } from './reference.ts';
import {
  accessCodeVersion,
  caseMessages,
  caseParties,
  citizenTimeline,
  findCaseById,
  findCaseByReference,
  findCaseBySubmissionToken,
  insertEvent,
  lockCaseById,
  markMessagesRead,
  takeReceiptCode,
  updateCaseStatus,
} from './repository.ts';
import type { CaseRow } from './types.ts';

export interface CitizenDeps {
  knex: Knex;
  jobs: JobQueue;
  keys: CaseKeys;
  attachments: AttachmentDeps;
  config: Pick<Config, 'publicUrl' | 'uploads' | 'deadlines' | 'notifications'>;
}

/** States in which the citizen can still act on the case (write, add evidence, withdraw): the open states of the workflow. */
const isOpen = isOpenStatus;

/** The reference and the access code, once: the code is deleted as it is read. */
export async function takeReceipt(
  deps: Pick<CitizenDeps, 'knex' | 'keys'>,
  submissionToken: string,
): Promise<{ reference: string; code: string | null } | undefined> {
  const receipt = await takeReceiptCode(deps.knex, submissionToken);
  if (!receipt) return undefined;
  const found = await findCaseById(deps.knex, receipt.caseId);
  if (!found) return undefined;
  const code = receipt.code
    ? open(
        { iv: receipt.code.subarray(0, 12), authTag: receipt.code.subarray(12, 28), ciphertext: receipt.code.subarray(28) },
        deps.keys.receipts,
        submissionToken,
      ).toString('utf8')
    : null;
  return { reference: found.reference, code };
}

/** The case a receipt belongs to, and whether a code posted back from its page is the case's code. */
export async function receiptCase(
  deps: Pick<CitizenDeps, 'knex' | 'keys'>,
  submissionToken: string,
  postedCode: unknown,
): Promise<{ case: CaseRow; code: string | null } | undefined> {
  const found = await findCaseBySubmissionToken(deps.knex, submissionToken);
  if (!found) return undefined;
  const code = typeof postedCode === 'string' && accessCodeMatches(postedCode, found.access_code_hash, deps.keys.accessCodes) ? postedCode.trim() : null;
  return { case: found, code };
}

/**
 * E-mails the case's reference — never the code — to an address the citizen typed on the receipt page: at
 * most once per address and hour. Returns whether it was queued.
 */
export async function emailReference(deps: Pick<CitizenDeps, 'knex' | 'jobs'>, found: CaseRow, to: string, requestId: string | null): Promise<boolean> {
  return deps.knex.transaction(async (trx) => {
    const queued = await queueUnsolicitedEmail(trx, deps.jobs, {
      caseId: found.id,
      to,
      language: found.language,
      template: 'case-reference',
      params: { reference: found.reference },
    });
    if (queued)
      await record(trx, {
        actorType: 'citizen',
        actorId: found.id,
        action: 'case.reference.emailed',
        entityType: 'case',
        entityId: found.reference,
        requestId,
      });
    return queued;
  });
}

/** The case for a reference and access code, or nothing — the same answer, in the same time, whatever was wrong. */
export async function signIn(
  deps: Pick<CitizenDeps, 'knex' | 'keys'>,
  referenceInput: string,
  code: string,
  requestId: string | null,
): Promise<CaseRow | undefined> {
  const reference = normaliseReference(referenceInput);
  const found = reference ? await findCaseByReference(deps.knex, reference) : undefined;
  const matches = accessCodeMatches(code, found?.access_code_hash, deps.keys.accessCodes);
  if (!found || !matches) return undefined;
  await recordAlone(deps.knex, {
    actorType: 'citizen',
    actorId: found.id,
    action: 'case.citizen.signed_in',
    entityType: 'case',
    entityId: found.reference,
    requestId,
  });
  return found;
}

/** Whether a case session opened with this access-code version may go on (the code has not been replaced since). */
export async function caseSessionCurrent(knex: Knex, caseId: number, version: number | undefined): Promise<boolean> {
  return version !== undefined && (await accessCodeVersion(knex, caseId)) === version;
}

export interface CaseSpace {
  case: CaseRow;
  /** Each entry with the translation key of what it says to the citizen. */
  timeline: (Awaited<ReturnType<typeof citizenTimeline>>[number] & { label: string })[];
  messages: Awaited<ReturnType<typeof caseMessages>>;
  /** The files the citizen may see (a decision's files once it is issued). */
  files: AttachmentRow[];
  decision?: CitizenDecision;
  open: boolean;
}

/** The signed-in citizen's case as stored, without opening its messages (see caseSpace for the page). */
export function citizenCase(knex: Knex, caseId: number): Promise<CaseRow | undefined> {
  return findCaseById(knex, caseId);
}

export async function caseSpace(knex: Knex, caseId: number): Promise<CaseSpace | undefined> {
  const found = await findCaseById(knex, caseId);
  if (!found) return undefined;
  const [timeline, messages, files] = await Promise.all([citizenTimeline(knex, caseId), caseMessages(knex, caseId), citizenFiles(knex, caseId)]);
  const decision = await citizenDecision(knex, caseId, files);
  await markMessagesRead(knex, caseId, 'to_citizen');
  return {
    case: found,
    timeline: timeline.map((event) => ({ ...event, label: eventLabelKey(event, 'track') })),
    messages,
    files,
    decision,
    open: isOpen(found.status),
  };
}

export async function withdrawCase(deps: CitizenDeps, caseId: number, requestId: string | null): Promise<boolean> {
  return deps.knex.transaction(async (trx) => {
    const found = await lockCaseById(trx, caseId);
    // The same table and check as every staff transition: the workflow decides from which states and by whom.
    const check = found ? checkTransition('withdraw', found.status, 'citizen', { caseType: found.type }) : undefined;
    if (!found || !check?.ok) return false;
    const to = check.transition.to;
    await updateCaseStatus(trx, caseId, to, { closed_at: new Date() });
    await insertEvent(trx, {
      case_id: caseId,
      kind: 'status_changed',
      from_status: found.status,
      to_status: to,
      visible_to_citizen: true,
      actor_type: 'citizen',
      actor_id: null,
      data: { reason: 'withdrawn_by_citizen' },
    });
    const email = (await caseParties(trx, caseId)).find((party) => party.email)?.email;
    if (email)
      await queueCaseUpdate(
        trx,
        deps.jobs,
        { caseId, to: email, language: found.language, template: 'case-withdrawn', params: { reference: found.reference } },
        deps.config.notifications.batchSeconds,
      );
    await record(trx, {
      actorType: 'citizen',
      actorId: caseId,
      action: 'case.withdrawn',
      entityType: 'case',
      entityId: found.reference,
      requestId,
      details: { from: found.status },
    });
    return true;
  });
}

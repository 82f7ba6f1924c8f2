/**
 * The citizen's side of a case: the receipt, signing in with reference and access code, what the case space
 * shows, messages and evidence, withdrawing, downloading everything, and replacing a lost access code.
 * Every function takes the case id from the signed-in session — never from the request — so one case's
 * session cannot reach another case.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { Config, Language } from '../../config.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { open } from '../attachments/crypto.ts';
import type { AttachmentRow } from '../attachments/repository.ts';
import { inspectAll, saveUpload, type AttachmentDeps, type Inspection, type Upload } from '../attachments/service.ts';
import { record } from '../audit/service.ts';
import { queueCaseUpdate, queueEmail } from '../notifications/service.ts';
import { citizenDecision, citizenFiles, recordCitizenReply, type CitizenDecision } from '../casework/service.ts';
import { eventLabelKey } from '../casework/timeline.ts';
import { isOpenStatus } from '../casework/workflow.ts';
import { accessCodeMatches, generateAccessCode, hashAccessCode, normaliseAccessCode } from './access-code.ts';
import type { CaseKeys } from './keys.ts';
import { normaliseReference } from './reference.ts';
import {
  caseMessages,
  caseParties,
  citizenTimeline,
  findCaseById,
  findCaseByReference,
  insertAccessCodeReset,
  insertEvent,
  insertMessage,
  markMessagesRead,
  setAccessCodeHash,
  takeReceiptCode,
  updateCaseStatus,
  useAccessCodeReset,
  type CaseRow,
} from './repository.ts';

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
export async function takeReceipt(deps: Pick<CitizenDeps, 'knex' | 'keys'>, submissionToken: string): Promise<{ reference: string; code: string | null } | undefined> {
  const receipt = await takeReceiptCode(deps.knex, submissionToken);
  if (!receipt) return undefined;
  const found = await findCaseById(deps.knex, receipt.caseId);
  if (!found) return undefined;
  const code = receipt.code
    ? open({ iv: receipt.code.subarray(0, 12), authTag: receipt.code.subarray(12, 28), ciphertext: receipt.code.subarray(28) }, deps.keys.receipts, submissionToken).toString('utf8')
    : null;
  return { reference: found.reference, code };
}

/** The case for a reference and access code, or nothing — the same answer, in the same time, whatever was wrong. */
export async function signIn(deps: Pick<CitizenDeps, 'knex' | 'keys'>, referenceInput: string, code: string, requestId: string | null): Promise<CaseRow | undefined> {
  const reference = normaliseReference(referenceInput);
  const found = reference ? await findCaseByReference(deps.knex, reference) : undefined;
  const matches = accessCodeMatches(code, found?.access_code_hash, deps.keys.accessCodes);
  if (!found || !matches) return undefined;
  await deps.knex.transaction((trx) => record(trx, { actorType: 'citizen', actorId: found.id, action: 'case.citizen.signed_in', entityType: 'case', entityId: found.reference, requestId }));
  return found;
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

export async function caseSpace(knex: Knex, caseId: number): Promise<CaseSpace | undefined> {
  const found = await findCaseById(knex, caseId);
  if (!found) return undefined;
  const [timeline, messages, files] = await Promise.all([citizenTimeline(knex, caseId), caseMessages(knex, caseId), citizenFiles(knex, caseId)]);
  const decision = await citizenDecision(knex, caseId, files);
  await markMessagesRead(knex, caseId, 'to_citizen');
  return { case: found, timeline: timeline.map((event) => ({ ...event, label: eventLabelKey(event, 'track') })), messages, files, decision, open: isOpen(found.status) };
}

export type FileProblem = Extract<Inspection, { ok: false }>;

/** A message from the citizen, with files; if any file is refused, nothing is stored and the problems are returned. */
export async function sendCitizenMessage(deps: CitizenDeps, caseId: number, body: string, uploads: Upload[], requestId: string | null): Promise<{ ok: true } | { ok: false; problems: FileProblem[] }> {
  const found = await findCaseById(deps.knex, caseId);
  if (!found || !isOpen(found.status)) return { ok: false, problems: [] };
  const { accepted, problems } = await inspectAll(deps.attachments, uploads);
  if (problems.length > 0) return { ok: false, problems };
  await deps.knex.transaction(async (trx) => {
    const messageId = body ? await insertMessage(trx, { case_id: caseId, direction: 'from_citizen', author_staff_id: null, body }) : null;
    for (const file of accepted) await saveUpload(deps.attachments, trx, file, { caseId, draftToken: null, messageId, uploadedBy: 'citizen' });
    await insertEvent(trx, { case_id: caseId, kind: body ? 'message_from_citizen' : 'evidence_added', from_status: null, to_status: null, visible_to_citizen: true, actor_type: 'citizen', actor_id: null, data: { files: accepted.length } });
    await record(trx, { actorType: 'citizen', actorId: caseId, action: body ? 'message.sent' : 'attachment.uploaded', entityType: 'case', entityId: found.reference, requestId, details: { files: accepted.length } });
    // A reply moves the case: out of "awaiting information", flagged and e-mailed to its officer.
    await recordCitizenReply(deps, trx, found.reference, requestId);
  });
  return { ok: true };
}

export async function withdrawCase(deps: CitizenDeps, caseId: number, requestId: string | null): Promise<boolean> {
  return deps.knex.transaction(async (trx) => {
    const found = await trx('cases').where({ id: caseId }).forUpdate().first<CaseRow | undefined>();
    if (!found || !isOpen(found.status)) return false;
    await updateCaseStatus(trx, caseId, 'withdrawn', { closed_at: new Date() });
    await insertEvent(trx, { case_id: caseId, kind: 'status_changed', from_status: found.status, to_status: 'withdrawn', visible_to_citizen: true, actor_type: 'citizen', actor_id: null, data: { reason: 'withdrawn_by_citizen' } });
    const email = (await caseParties(trx, caseId)).find((party) => party.email)?.email;
    if (email) await queueCaseUpdate(trx, deps.jobs, { caseId, to: email, language: found.language, template: 'case-withdrawn', params: { reference: found.reference } }, deps.config.notifications.batchSeconds);
    await record(trx, { actorType: 'citizen', actorId: caseId, action: 'case.withdrawn', entityType: 'case', entityId: found.reference, requestId, details: { from: found.status } });
    return true;
  });
}

export const RESET_VALID_MINUTES = 30;

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Someone asks for a new access code: if the reference and e-mail match the case, a single-use link (valid
 * 30 minutes) is e-mailed. The caller answers the same way either way, so nothing is revealed.
 */
export async function requestAccessCodeReset(deps: CitizenDeps, referenceInput: string, email: string, lang: Language, requestId: string | null): Promise<void> {
  const reference = normaliseReference(referenceInput);
  const found = reference ? await findCaseByReference(deps.knex, reference) : undefined;
  if (!found) return;
  const parties = await caseParties(deps.knex, found.id);
  const party = parties.find((candidate) => candidate.email && candidate.email.toLowerCase() === email.trim().toLowerCase());
  if (!party?.email) return;
  const token = randomBytes(32).toString('base64url');
  await deps.knex.transaction(async (trx) => {
    await insertAccessCodeReset(trx, found.id, tokenHash(token), new Date(Date.now() + RESET_VALID_MINUTES * 60_000));
    await queueEmail(trx, deps.jobs, {
      caseId: found.id,
      to: party.email ?? '',
      language: found.language,
      template: 'access-code-reset',
      params: { reference: found.reference, link: `${deps.config.publicUrl}/${lang}/track/reset/${token}`, minutes: String(RESET_VALID_MINUTES) },
    });
    await record(trx, { actorType: 'citizen', action: 'case.access_code.reset_requested', entityType: 'case', entityId: found.reference, requestId });
  });
}

/** Uses a reset link: a new code replaces the old one, which stops working at once. */
export async function resetAccessCode(deps: CitizenDeps, token: string, requestId: string | null): Promise<{ reference: string; code: string } | undefined> {
  return deps.knex.transaction(async (trx) => {
    const caseId = await useAccessCodeReset(trx, tokenHash(token));
    if (caseId === undefined) return undefined;
    const found = await findCaseById(trx, caseId);
    if (!found) return undefined;
    const code = generateAccessCode();
    await setAccessCodeHash(trx, caseId, hashAccessCode(normaliseAccessCode(code) ?? '', deps.keys.accessCodes));
    await insertEvent(trx, { case_id: caseId, kind: 'access_code_reset', from_status: null, to_status: null, visible_to_citizen: true, actor_type: 'citizen', actor_id: null, data: {} });
    await record(trx, { actorType: 'citizen', actorId: caseId, action: 'case.access_code.reset', entityType: 'case', entityId: found.reference, requestId });
    return { reference: found.reference, code };
  });
}

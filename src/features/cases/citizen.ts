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
import { caseAttachments, type AttachmentRow } from '../attachments/repository.ts';
import { prepareUploads, storeUploads, UploadQuotaExceeded, type AttachmentDeps, type FileProblem, type Upload } from '../attachments/service.ts';
import { record } from '../audit/service.ts';
import { queueEmail } from '../notifications/service.ts';
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
  config: Pick<Config, 'publicUrl' | 'uploads' | 'deadlines'>;
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
  timeline: Awaited<ReturnType<typeof citizenTimeline>>;
  messages: Awaited<ReturnType<typeof caseMessages>>;
  files: AttachmentRow[];
  open: boolean;
}

export async function caseSpace(knex: Knex, caseId: number): Promise<CaseSpace | undefined> {
  const found = await findCaseById(knex, caseId);
  if (!found) return undefined;
  const [timeline, messages, files] = await Promise.all([citizenTimeline(knex, caseId), caseMessages(knex, caseId), caseAttachments(knex, caseId)]);
  await markMessagesRead(knex, caseId, 'to_citizen');
  return { case: found, timeline, messages, files, open: isOpen(found.status) };
}

export type { FileProblem };

/** How a citizen's files are taken: whether photos lose hidden information (always on anonymous reports), and who sent them (quota key). */
export interface UploadChoice {
  stripMetadata: boolean;
  clientKey: string;
}

/**
 * A message from the citizen, with files; if any file is refused or a quota would be exceeded, nothing is
 * stored and the problems are returned.
 */
export async function sendCitizenMessage(
  deps: CitizenDeps,
  caseId: number,
  body: string,
  uploads: Upload[],
  requestId: string | null,
  choice: UploadChoice = { stripMetadata: true, clientKey: 'none' },
): Promise<{ ok: true } | { ok: false; problems: FileProblem[] }> {
  const found = await findCaseById(deps.knex, caseId);
  if (!found || !isOpen(found.status)) return { ok: false, problems: [] };
  const { accepted, problems } = await prepareUploads(deps.attachments, uploads, { stripMetadata: choice.stripMetadata || found.anonymous, room: deps.config.uploads.maxFiles });
  if (problems.length > 0) return { ok: false, problems };
  try {
    await deps.knex.transaction(async (trx) => {
      const messageId = body ? await insertMessage(trx, { case_id: caseId, direction: 'from_citizen', author_staff_id: null, body }) : null;
      await storeUploads(deps.attachments, trx, accepted, { caseId, draftToken: null, messageId, uploadedBy: 'citizen' }, { quotas: deps.config.uploads.quotas, clientKey: choice.clientKey });
      await insertEvent(trx, { case_id: caseId, kind: body ? 'message_from_citizen' : 'evidence_added', from_status: null, to_status: null, visible_to_citizen: true, actor_type: 'citizen', actor_id: null, data: { files: accepted.length } });
      await record(trx, { actorType: 'citizen', actorId: caseId, action: body ? 'message.sent' : 'attachment.uploaded', entityType: 'case', entityId: found.reference, requestId, details: { files: accepted.length } });
    });
  } catch (error) {
    if (error instanceof UploadQuotaExceeded) return { ok: false, problems: [error.problem] };
    throw error;
  }
  return { ok: true };
}

export async function withdrawCase(deps: CitizenDeps, caseId: number, requestId: string | null): Promise<boolean> {
  return deps.knex.transaction(async (trx) => {
    const found = await trx('cases').where({ id: caseId }).forUpdate().first<CaseRow | undefined>();
    if (!found || !isOpen(found.status)) return false;
    await updateCaseStatus(trx, caseId, 'withdrawn', { closed_at: new Date() });
    await insertEvent(trx, { case_id: caseId, kind: 'status_changed', from_status: found.status, to_status: 'withdrawn', visible_to_citizen: true, actor_type: 'citizen', actor_id: null, data: { reason: 'withdrawn_by_citizen' } });
    const email = (await caseParties(trx, caseId)).find((party) => party.email)?.email;
    if (email) await queueEmail(trx, deps.jobs, { caseId, to: email, language: found.language, template: 'case-updated', params: { reference: found.reference } });
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

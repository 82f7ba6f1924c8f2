/**
 * A lost access code. Asking for a new one does the same work whatever was typed — it queues one job — so
 * the answer's timing tells nothing about whether the reference exists or the address matches. The job
 * checks both and, when they match, e-mails a single-use link (valid 30 minutes) to the address stored with
 * the case. Using a link replaces the code (ending every session opened with the old one) and cancels the
 * case's other unused links; asking again does not cancel a link already sent.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { Config, Language } from '../../config.ts';
import { pathTo } from '../../http/paths.ts';
import type { JobDefinition, JobQueue } from '../../jobs/queue.ts';
import { record } from '../audit/service.ts';
import { queueEmail } from '../notifications/service.ts';
import { generateAccessCode, hashAccessCode, normaliseAccessCode } from './access-code.ts';
import type { CaseKeys } from './keys.ts';
import { normaliseReference } from './reference.ts';
import {
  caseParties,
  findCaseById,
  findCaseByReference,
  insertAccessCodeReset,
  insertEvent,
  recentAccessCodeResets,
  setAccessCodeHash,
  useAccessCodeReset,
} from './repository.ts';

const LOST_CODE_JOB = 'access-code-lost';
const RESET_VALID_MINUTES = 30;
/** Links e-mailed per case and hour at most: someone who knows the reference and address cannot flood the inbox. */
const RESETS_PER_CASE_HOUR = 3;

export interface LostCodeDeps {
  knex: Knex;
  keys: CaseKeys;
  config: Pick<Config, 'publicUrl'>;
}

interface LostCodeJob {
  /** What was typed, trimmed (not yet known to be a reference). */
  reference: string;
  /** A keyed hash of the typed address: the job table never holds the address itself. */
  emailHash: string;
  lang: Language;
  requestId: string | null;
}

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function emailHash(email: string, keys: CaseKeys): string {
  return createHmac('sha256', keys.accessCodes).update(`lost-code-email:${email.trim().toLowerCase()}`).digest('hex');
}

/** Someone asks for a new access code: one job, whatever they typed. The caller answers the same way always. */
export async function requestAccessCodeReset(
  deps: Pick<LostCodeDeps, 'keys'> & { jobs: JobQueue },
  reference: string,
  email: string,
  lang: Language,
  requestId: string | null,
): Promise<void> {
  const job: LostCodeJob = { reference: reference.trim().slice(0, 40), emailHash: emailHash(email, deps.keys), lang, requestId };
  await deps.jobs.send(LOST_CODE_JOB, job);
}

/** The job: if the reference and address match a case, and it has not had too many links this hour, e-mail one. */
async function sendResetLink(deps: LostCodeDeps & { jobs: JobQueue }, job: LostCodeJob): Promise<boolean> {
  const reference = normaliseReference(job.reference);
  const found = reference ? await findCaseByReference(deps.knex, reference) : undefined;
  if (!found) return false;
  const party = (await caseParties(deps.knex, found.id)).find((candidate) => candidate.email && emailHash(candidate.email, deps.keys) === job.emailHash);
  if (!party?.email) return false;
  if ((await recentAccessCodeResets(deps.knex, found.id, 60)) >= RESETS_PER_CASE_HOUR) return false;
  const token = randomBytes(32).toString('base64url');
  const to = party.email;
  await deps.knex.transaction(async (trx) => {
    await insertAccessCodeReset(trx, found.id, tokenHash(token), new Date(Date.now() + RESET_VALID_MINUTES * 60_000));
    await queueEmail(trx, deps.jobs, {
      caseId: found.id,
      to,
      language: found.language,
      template: 'access-code-reset',
      params: {
        reference: found.reference,
        link: `${deps.config.publicUrl}${pathTo('track.reset', { lang: job.lang, token })}`,
        count: String(RESET_VALID_MINUTES),
      },
    });
    await record(trx, {
      actorType: 'citizen',
      action: 'case.access_code.reset_requested',
      entityType: 'case',
      entityId: found.reference,
      requestId: job.requestId,
    });
  });
  return true;
}

export function lostCodeJobs(deps: LostCodeDeps & { jobs: () => JobQueue }): JobDefinition<never>[] {
  const job: JobDefinition<LostCodeJob> = {
    name: LOST_CODE_JOB,
    retryLimit: 5,
    retryDelaySeconds: 5,
    async handle(data) {
      await sendResetLink({ ...deps, jobs: deps.jobs() }, data);
    },
  };
  return [job] as JobDefinition<never>[];
}

/** Uses a reset link: a new code replaces the old one, which stops working at once, and so do its sessions. */
export async function resetAccessCode(
  deps: Pick<LostCodeDeps, 'knex' | 'keys'>,
  token: string,
  requestId: string | null,
): Promise<{ reference: string; code: string } | undefined> {
  return deps.knex.transaction(async (trx) => {
    const caseId = await useAccessCodeReset(trx, tokenHash(token));
    if (caseId === undefined) return undefined;
    const found = await findCaseById(trx, caseId);
    if (!found) return undefined;
    const code = generateAccessCode();
    await setAccessCodeHash(trx, caseId, hashAccessCode(normaliseAccessCode(code) ?? '', deps.keys.accessCodes));
    await insertEvent(trx, {
      case_id: caseId,
      kind: 'access_code_reset',
      from_status: null,
      to_status: null,
      visible_to_citizen: true,
      actor_type: 'citizen',
      actor_id: null,
      data: {},
    });
    await record(trx, { actorType: 'citizen', actorId: caseId, action: 'case.access_code.reset', entityType: 'case', entityId: found.reference, requestId });
    return { reference: found.reference, code };
  });
}

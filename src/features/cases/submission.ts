/**
 * Turning a finished journey into a case — in one transaction: the case with its reference and access code,
 * the people, the answers, the draft's files, the first timeline entry, the audit event and the
 * acknowledgement e-mail in the outbox. Submitting the same draft twice yields the same case.
 */
import type { Knex } from 'knex';
import type { Config, Language } from '../../config.ts';
import { addDays, bishkekToday } from '../../lib/dates.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { attachDraftToCase } from '../attachments/service.ts';
import { seal } from '../../lib/sealing.ts';
import { record } from '../audit/service.ts';
import { queueUnsolicitedEmail } from '../notifications/service.ts';
import { textableNumber } from '../../lib/phone.ts';
import { generateAccessCode, hashAccessCode, normaliseAccessCode } from './access-code.ts';
import { addWorkingDays } from './deadlines.ts';
import type { CaseKeys } from './keys.ts';
import { formatReference } from './reference.ts';
import {
  findCaseByReference,
  findCaseBySubmissionToken,
  holidaySet,
  insertCase,
  insertEvent,
  insertParty,
  insertReceipt,
  nextReferenceNumber,
} from './repository.ts';
import type { CaseType, PartyRow } from './types.ts';

export interface NewCase {
  type: CaseType;
  /** The draft's token: idempotency key, and the owner of the draft's files. */
  submissionToken: string;
  language: Language;
  organisationName: string;
  organisationInn: string | null;
  /** The register's entry for the organisation, when it holds it. */
  organisationId?: number | null;
  sector: string | null;
  anonymous: boolean;
  answers: Record<string, unknown>;
  parties: Omit<PartyRow, 'id' | 'case_id'>[];
  /** Where the acknowledgement goes, if the citizen gave an e-mail address. */
  acknowledgeTo: string | null;
  /** A follow-up breach notification: the earlier notification's reference. */
  followUpOf: string | null;
  requestId: string | null;
}

export interface SubmissionDeps {
  knex: Knex;
  jobs: JobQueue;
  keys: CaseKeys;
  deadlines: Config['deadlines'];
}

export interface Submitted {
  caseId: number;
  reference: string;
  duplicate: boolean;
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown }).code === '23505';
}

/** The case row, its parties and files, the first timeline entry and the sealed receipt, in one transaction. */
async function storeCase(deps: SubmissionDeps, trx: Knex.Transaction, input: NewCase, code: string) {
  const today = bishkekToday();
  const holidays = await holidaySet(trx, today, addDays(today, 120));
  const reference = formatReference(Number(today.slice(0, 4)), await nextReferenceNumber(trx, Number(today.slice(0, 4))));
  const followUp = input.followUpOf ? await findCaseByReference(trx, input.followUpOf) : undefined;
  const caseId = await insertCase(trx, {
    reference,
    type: input.type,
    language: input.language,
    submission_token: input.submissionToken,
    organisation_name: input.organisationName,
    organisation_inn: input.organisationInn,
    organisation_id: input.organisationId ?? null,
    sector: input.sector,
    anonymous: input.anonymous,
    answers: input.answers,
    access_code_hash: hashAccessCode(normaliseAccessCode(code) ?? '', deps.keys.accessCodes),
    follow_up_of: followUp?.id ?? null,
    received_at: new Date(),
    registration_due: addWorkingDays(today, deps.deadlines.registrationWorkingDays, holidays),
    // A report is a tip, not an appeal: it gets the Agency's triage target instead of the Law No. 67 answer date.
    answer_due: addWorkingDays(today, input.type === 'report' ? deps.deadlines.triageTargetWorkingDays : deps.deadlines.answerWorkingDays, holidays),
  });
  for (const party of input.parties) await insertParty(trx, { ...party, case_id: caseId });
  const files = await attachDraftToCase(trx, input.submissionToken, caseId);
  const actorType = input.type === 'breach' ? 'organisation' : 'citizen';
  await insertEvent(trx, {
    case_id: caseId,
    kind: 'submitted',
    from_status: null,
    to_status: 'submitted',
    visible_to_citizen: true,
    actor_type: actorType,
    actor_id: null,
    data: { files },
  });
  const sealed = seal(Buffer.from(code), deps.keys.receipts, input.submissionToken);
  await insertReceipt(trx, input.submissionToken, caseId, Buffer.concat([sealed.iv, sealed.authTag, sealed.ciphertext]));
  return { caseId, reference, files, followUp, actorType } as const;
}

export async function submitCase(deps: SubmissionDeps, input: NewCase): Promise<Submitted> {
  const existing = await findCaseBySubmissionToken(deps.knex, input.submissionToken);
  if (existing) return { caseId: existing.id, reference: existing.reference, duplicate: true };
  try {
    return await deps.knex.transaction(async (trx) => {
      const code = generateAccessCode();
      const { caseId, reference, files, followUp, actorType } = await storeCase(deps, trx, input, code);
      // The address is whatever was typed, unverified: one acknowledgement per address and hour at most.
      if (input.acknowledgeTo) {
        const mail = { caseId, to: input.acknowledgeTo, language: input.language, template: 'case-received', params: { reference } } as const;
        await queueUnsolicitedEmail(trx, deps.jobs, mail);
      }
      // And by text message to a mobile number given (never for an anonymous report), as unverified as the address.
      const textTo = input.anonymous ? undefined : input.parties.map((party) => textableNumber(party.phone)).find(Boolean);
      if (textTo) {
        const text = { caseId, to: textTo, channel: 'sms', language: input.language, template: 'case-received', params: { reference } } as const;
        await queueUnsolicitedEmail(trx, deps.jobs, text);
      }
      const details = {
        type: input.type,
        files,
        anonymous: input.anonymous,
        language: input.language,
        ...(followUp ? { followUpOf: followUp.reference } : {}),
      };
      await record(trx, { actorType, action: 'case.submitted', entityType: 'case', entityId: reference, requestId: input.requestId, details });
      return { caseId, reference, duplicate: false };
    });
  } catch (error) {
    // The same draft submitted twice at once: the other request created the case.
    if (isUniqueViolation(error)) {
      const winner = await findCaseBySubmissionToken(deps.knex, input.submissionToken);
      if (winner) return { caseId: winner.id, reference: winner.reference, duplicate: true };
    }
    throw error;
  }
}

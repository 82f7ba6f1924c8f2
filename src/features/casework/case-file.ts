/** A case as a staff member may see it, a file of it to download, and the locked case a change starts from. */
import type { Knex } from 'knex';
import createHttpError from 'http-errors';
import { readAttachment } from '../attachments/service.ts';
import { record, recordAlone } from '../audit/service.ts';
import { allowedTransitions, type Transition } from '../cases/workflow.ts';
import { caseAccess, type CaseAccess } from '../staff/permissions.ts';
import { addDays } from '../../lib/dates.ts';
import { caseAttachment, caseAttachments, type AttachmentRow } from '../attachments/service.ts';
import { caseMessages, caseParties, holidaySet, type MessageRow, type PartyRow } from '../cases/service.ts';
import { contactHistory, type CorrectionRow } from '../cases/contact.ts';
import { caseReference, findCaseFile, lockCase, setReplyPending, type CaseFileRow } from './case-repository.ts';
import { caseDecisions, decisionFileIds, type DecisionRow } from './decisions-repository.ts';
import { caseLinks, caseNotes, staffTimeline, type LinkRow, type NoteRow, type TimelineRow } from './events-repository.ts';
import type { CaseworkDeps, StaffActor } from './service.ts';

export interface CaseFile {
  case: CaseFileRow;
  access: CaseAccess;
  transitions: Transition[];
  timeline: TimelineRow[];
  links: LinkRow[];
  /** Only with access to personal data. */
  parties?: PartyRow[];
  messages?: MessageRow[];
  files?: (AttachmentRow & { decisionId?: number })[];
  notes?: NoteRow[];
  /** The citizen's corrections of their contact details, newest first, with the old values. */
  corrections?: CorrectionRow[];
  decisions?: DecisionRow[];
  /** The reference of the case this one follows up, if any (with personal data only). */
  followUpOf?: string;
  /** Public holidays between receipt and the answer deadline (to explain the deadlines). */
  holidays: Set<string>;
}

/** The case locked for a change, if this staff member may change it. */
export async function loadForChange(trx: Knex.Transaction, reference: string, actor: StaffActor): Promise<CaseFileRow> {
  const found = await findCaseFile(trx, reference);
  if (!found) throw createHttpError(404);
  const locked = await lockCase(trx, found.id);
  if (!locked) throw createHttpError(404);
  if (!caseAccess(actor, locked.assignee_id).change) throw createHttpError(403);
  return { ...found, status: locked.status, assignee_id: locked.assignee_id };
}

/** Whether this staff member is the one a new reply waits for (opening the case clears the flag). */
function answersFor(actor: StaffActor, assigneeId: number | null): boolean {
  return assigneeId === null ? actor.role === 'supervisor' : actor.id === assigneeId;
}

async function personalData(knex: Knex, found: CaseFileRow): Promise<Partial<CaseFile>> {
  const [parties, messages, files, notes, decisionFiles, followUpOf, corrections] = await Promise.all([
    caseParties(knex, found.id),
    caseMessages(knex, found.id),
    caseAttachments(knex, found.id),
    caseNotes(knex, found.id),
    decisionFileIds(knex, found.id),
    found.follow_up_of ? caseReference(knex, found.follow_up_of) : undefined,
    contactHistory(knex, found.id),
  ]);
  const owned = files.map((row) => {
    const owner = decisionFiles.get(row.id);
    return owner ? { ...row, decisionId: owner.decisionId } : row;
  });
  return { parties, messages, notes, files: owned, followUpOf, corrections };
}

/** The case as this staff member may see it; a view that shows personal data is recorded. */
export async function openCaseFile(deps: CaseworkDeps, reference: string, actor: StaffActor): Promise<CaseFile> {
  const found = await findCaseFile(deps.knex, reference);
  if (!found) throw createHttpError(404);
  const access = caseAccess(actor, found.assignee_id);
  if (!access.view) throw createHttpError(403);
  const [timeline, links, decisions, holidays] = await Promise.all([
    staffTimeline(deps.knex, found.id),
    caseLinks(deps.knex, found.id),
    caseDecisions(deps.knex, found.id),
    holidaySet(deps.knex, found.received_date, addDays(found.answer_due, 1)),
  ]);
  const proposal = decisions.find((decision) => decision.status === 'proposed');
  const context = { proposedDecision: proposal !== undefined && proposal.proposed_by === actor.id, caseType: found.type };
  const transitions = access.change ? allowedTransitions(found.status, actor.role, context) : [];
  const file: CaseFile = { case: found, access, timeline, links, transitions, holidays };
  if (access.personalData) Object.assign(file, { decisions }, await personalData(deps.knex, found));
  const viewed = {
    actorType: 'staff',
    actorId: actor.id,
    action: 'case.viewed',
    entityType: 'case',
    entityId: found.reference,
    requestId: actor.requestId,
    details: { personalData: access.personalData },
  } as const;
  // Opening a case the citizen has replied on marks the reply read, in the same transaction as the view.
  if (found.reply_pending_at && answersFor(actor, found.assignee_id))
    await deps.knex.transaction(async (trx) => {
      await setReplyPending(trx, found.id, false);
      await record(trx, viewed);
    });
  else await recordAlone(deps.knex, viewed);
  return file;
}

/** A file of the case (or the original of a converted photo), for someone allowed to see the case's personal data; the download is recorded. */
export async function downloadFile(
  deps: CaseworkDeps,
  reference: string,
  fileId: string,
  actor: StaffActor,
  variant: 'file' | 'original' = 'file',
): Promise<{ fileName: string; contentType: string; bytes: Buffer }> {
  const found = await findCaseFile(deps.knex, reference);
  if (!found) throw createHttpError(404);
  if (!caseAccess(actor, found.assignee_id).personalData) throw createHttpError(403);
  const file = await caseAttachment(deps.knex, found.id, fileId);
  const content = file ? await readAttachment(deps.attachments.storage, deps.knex, file, variant) : undefined;
  if (!file || !content) throw createHttpError(404);
  const details = { case: found.reference, ...(variant === 'original' ? { variant } : {}) };
  await recordAlone(deps.knex, {
    actorType: 'staff',
    actorId: actor.id,
    action: 'attachment.downloaded',
    entityType: 'attachment',
    entityId: file.id,
    requestId: actor.requestId,
    details,
  });
  return content;
}

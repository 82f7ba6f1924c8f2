/**
 * Casework: what staff may see of a case and each change they make — transition, decision, message, note,
 * link, assignment — and a citizen's reply, each in one transaction with its timeline entry, its audit event
 * and the e-mails it causes. This module holds what every casework service takes (the dependencies and the
 * acting staff member) and the names the citizen side uses; the rules live in one module per concern.
 */
import type { Knex } from 'knex';
import type { Config } from '../../config.ts';
import type { Translator } from '../../i18n/i18n.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import type { AttachmentDeps } from '../attachments/service.ts';
import type { StaffRole } from '../staff/permissions.ts';

export interface CaseworkDeps {
  knex: Knex;
  jobs: JobQueue;
  translator: Translator;
  attachments: AttachmentDeps;
  config: Pick<Config, 'deadlines' | 'notifications' | 'authority' | 'publicUrl' | 'uploads'>;
}

export interface StaffActor {
  id: number;
  role: StaffRole;
  requestId: string | null;
  /** A keyed hash of the client address, for the upload quota per address (http/uploads.ts). */
  clientKey?: string;
}

export { CHALLENGE_CONTENT, citizenDecision, citizenFiles, type CitizenDecision } from './decisions.ts';
export { recordCitizenReply } from './replies.ts';
export { openCaseFile, downloadFile } from './case-file.ts';
export { searchQueue, groupQueueByOrganisation, queueFrame, caseworkers } from './queue.ts';
export { applyTransition } from './transitions.ts';
export { sendStaffMessage } from './messages.ts';
export { addNote, linkCases } from './notes.ts';
export { assign, assignByReference } from './assignment.ts';
export { publicationSource, type PublicationSource } from './publication-source.ts';

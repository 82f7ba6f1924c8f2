/**
 * What a signed-in citizen downloads: a file of their case (or the original it was converted from), the
 * decision's PDF, and "everything we hold" — each download recorded in the audit trail. The case id comes from
 * the signed-in session, so one case's session cannot reach another case's files.
 */
import { readAttachment } from '../attachments/service.ts';
import { recordAlone } from '../audit/service.ts';
import { citizenDecision, citizenFiles } from '../casework/service.ts';
import type { CitizenDeps } from './citizen.ts';
import type { CaseRow } from './types.ts';

export interface Download {
  bytes: Buffer;
  fileName: string;
  contentType: string;
}

type FileDeps = Pick<CitizenDeps, 'knex' | 'attachments'>;

/** The audit trail names every file a citizen downloads. */
async function recordDownload(
  deps: Pick<CitizenDeps, 'knex'>,
  caseId: number,
  fileId: string,
  requestId: string | null,
  details: Parameters<typeof recordAlone>[1]['details'],
) {
  await recordAlone(deps.knex, {
    actorType: 'citizen',
    actorId: caseId,
    action: 'attachment.downloaded',
    entityType: 'attachment',
    entityId: fileId,
    requestId,
    details,
  });
}

/** One of the files the citizen may see, or undefined (not theirs, not visible, or no such original). */
export async function downloadCitizenFile(
  deps: FileDeps,
  caseId: number,
  fileId: string,
  variant: 'file' | 'original',
  requestId: string | null,
): Promise<Download | undefined> {
  const file = (await citizenFiles(deps.knex, caseId)).find((candidate) => candidate.id === fileId);
  const content = file ? await readAttachment(deps.attachments.storage, deps.knex, file, variant) : undefined;
  if (!file || !content) return undefined;
  await recordDownload(deps, caseId, file.id, requestId, variant === 'original' ? { variant } : {});
  return content;
}

/** The PDF of the decision the citizen was given, or undefined while there is none. */
export async function downloadDecisionPdf(deps: FileDeps, caseId: number, requestId: string | null): Promise<Download | undefined> {
  const files = await citizenFiles(deps.knex, caseId);
  const pdf = (await citizenDecision(deps.knex, caseId, files))?.pdf;
  const content = pdf ? await readAttachment(deps.attachments.storage, deps.knex, pdf) : undefined;
  if (!pdf || !content) return undefined;
  await recordDownload(deps, caseId, pdf.id, requestId, { decision: true });
  return { ...content, contentType: 'application/pdf' };
}

/** Records that the citizen downloaded everything held about the case. */
export async function recordCaseExport(deps: Pick<CitizenDeps, 'knex'>, found: Pick<CaseRow, 'id' | 'reference'>, requestId: string | null): Promise<void> {
  await recordAlone(deps.knex, { actorType: 'citizen', actorId: found.id, action: 'case.exported', entityType: 'case', entityId: found.reference, requestId });
}

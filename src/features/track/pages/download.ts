/** "Download everything we hold about your case": a ZIP streamed to the citizen (../archive.ts). */
import type { Request, RequestHandler, Response } from 'express';
import { requestId } from '../../../http/logging.ts';
import { caseSpace } from '../../cases/citizen.ts';
import { recordCaseExport } from '../../cases/citizen-files.ts';
import { loadCaseAnswers } from '../../intake/case-answers.ts';
import { caseCopyPdf } from '../../intake/copy-pdf.ts';
import { writeCaseArchive } from '../archive.ts';
import type { TrackDeps } from '../deps.ts';
import { archiveCopyExtras, archiveSummary } from '../presenters/archive.ts';
import { signedInCaseId } from '../session.ts';

export function downloadEverything(deps: TrackDeps): RequestHandler {
  return async (req: Request, res: Response): Promise<void> => {
    const space = await caseSpace(deps.knex, signedInCaseId(req));
    if (!space) throw new Error('case vanished');
    await recordCaseExport(deps, space.case, requestId(req));
    const { t, lang } = res.locals;
    const answers = await loadCaseAnswers(deps.knex, space.case, { t, lang });
    const summary = archiveSummary(t, space.case, answers);
    const copy = await caseCopyPdf(deps.knex, deps, space.case, archiveCopyExtras(space));
    res.attachment(`${space.case.reference}.zip`).type('application/zip');
    await writeCaseArchive(deps.knex, deps.attachments.storage, space, res, { copy, summary });
  };
}

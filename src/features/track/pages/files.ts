/** Downloads of the signed-in case's files: a file, the original it was converted from, the decision's PDF. */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { requestId } from '../../../http/logging.ts';
import { downloadCitizenFile, downloadDecisionPdf, type Download } from '../../cases/citizen-files.ts';
import type { TrackDeps } from '../deps.ts';
import { fileParams } from '../schemas.ts';
import { signedInCaseId } from '../session.ts';

function sendDownload(res: Response, content: Download): void {
  res.attachment(content.fileName).type(content.contentType).set('X-Content-Type-Options', 'nosniff').send(content.bytes);
}

/** A file of the signed-in case (or its original), as a download; anything else is a 404. */
export function fileDownload(deps: TrackDeps, variant: 'file' | 'original'): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const params = fileParams.safeParse(req.params);
    const content = params.success ? await downloadCitizenFile(deps, signedInCaseId(req), params.data.id, variant, requestId(req)) : undefined;
    if (!content) {
      next();
      return;
    }
    sendDownload(res, content);
  };
}

/** The decision's PDF; a 404 while there is none. */
export function decisionDownload(deps: TrackDeps): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const content = await downloadDecisionPdf(deps, signedInCaseId(req), requestId(req));
    if (!content) {
      next();
      return;
    }
    sendDownload(res, content);
  };
}

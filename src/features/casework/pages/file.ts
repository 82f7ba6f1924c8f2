/** GET /staff/cases/:reference/files/:id (and /original): a file of the case, for staff who may see its personal data. */
import type { Request, Response } from 'express';
import createHttpError from 'http-errors';
import { fileParams } from '../schemas.ts';
import { downloadFile } from '../service.ts';
import { staffActor, type CaseworkPageDeps } from './context.ts';

export function caseFileDownload(deps: CaseworkPageDeps, variant: 'file' | 'original') {
  return async (req: Request, res: Response): Promise<void> => {
    const params = fileParams.safeParse(req.params);
    if (!params.success) throw createHttpError(404);
    const content = await downloadFile(deps, params.data.reference, params.data.id, staffActor(req, res), variant);
    res.attachment(content.fileName).type(content.contentType).set('X-Content-Type-Options', 'nosniff').send(content.bytes);
  };
}

/** GET /staff/cases/:reference/readers: who on the staff opened the case or downloaded its files (supervisors, auditors). */
import type { Request, Response } from 'express';
import createHttpError from 'http-errors';
import { pathTo } from '../../../http/paths.ts';
import { presentReaders } from '../presenters/readers.ts';
import { readersParams } from '../schemas.ts';
import type { AuditViewer } from '../service.ts';

export function readersPage(viewer: AuditViewer) {
  return async (req: Request, res: Response): Promise<void> => {
    const parsed = readersParams.safeParse(req.params);
    if (!parsed.success) throw createHttpError(404);
    const { reference } = parsed.data;
    const rows = await viewer.readers(reference);
    res.render('staff/readers', {
      layout: 'staff',
      title: res.locals.t('auditViewer.readers.title', { reference }),
      reference,
      caseHref: pathTo('staff.cases.show', { reference }),
      trailHref: `${pathTo('staff.audit.index')}?caseReference=${reference}`,
      readers: presentReaders(res.locals.t, rows),
    });
  };
}

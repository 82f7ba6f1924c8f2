/** What every casework page reads from the request: the staff member acting, and the case named in the path. */
import type { Request, Response } from 'express';
import createHttpError from 'http-errors';
import type { Config } from '../../../config.ts';
import { requestId } from '../../../http/logging.ts';
import { uploadClientKey } from '../../../http/uploads.ts';
import { currentStaff } from '../../staff/auth.ts';
import { caseParams } from '../schemas.ts';
import type { CaseworkDeps, StaffActor } from '../service.ts';

export type CaseworkPageDeps = CaseworkDeps & { config: CaseworkDeps['config'] & Pick<Config, 'uploads' | 'retention'> };

export function staffActor(req: Request, res: Response): StaffActor {
  const user = currentStaff(res);
  return { id: user.id, role: user.role, requestId: requestId(req) };
}

/** The actor, with the keyed client address the per-address upload quota counts against. */
export function staffUploader(req: Request, res: Response): StaffActor {
  return { ...staffActor(req, res), clientKey: uploadClientKey(req) };
}

/** The case's reference from the path; anything that is not one is a 404. */
export function caseReference(req: Request): string {
  const parsed = caseParams.safeParse(req.params);
  if (!parsed.success) throw createHttpError(404);
  return parsed.data.reference;
}

/** The form's values as posted, to show again. */
export function posted(req: Request): Record<string, unknown> {
  return req.body as Record<string, unknown>;
}

/** What the user-management pages share: the acting admin, and the account a URL names (404 when there is none). */
import type { Request, Response } from 'express';
import createHttpError from 'http-errors';
import type { Knex } from 'knex';
import { requestId } from '../../../../http/logging.ts';
import type { StaffActor } from '../../access-requests.ts';
import { findAccount, type StaffRow } from '../../accounts.ts';
import { currentStaff } from '../../auth.ts';
import { userParams } from '../../schemas.ts';

export function actor(req: Request, res: Response): StaffActor {
  return { type: 'staff', id: currentStaff(res).id, requestId: requestId(req) };
}

/** The account the URL's `:id` names. */
export async function accountOf(knex: Knex, req: Request): Promise<StaffRow> {
  const params = userParams.safeParse(req.params);
  const user = params.success ? await findAccount(knex, params.data.id) : undefined;
  if (!user) throw createHttpError(404);
  return user;
}

/** Admins act on other accounts only: their own role, sessions and credentials are not theirs to change here. */
export function refuseOwnAccount(res: Response, id: number): void {
  if (id === currentStaff(res).id) throw createHttpError(400);
}

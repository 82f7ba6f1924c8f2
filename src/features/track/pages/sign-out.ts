/** Signing out of the case space: the session ends and nothing of the case stays in the browser. */
import type { Request, Response } from 'express';
import { pathTo } from '../../../http/paths.ts';
import { endCaseSession } from '../session.ts';

export async function signOut(req: Request, res: Response): Promise<void> {
  await endCaseSession(req);
  // Honoured over HTTPS.
  res.set('Clear-Site-Data', '"cache", "storage"');
  res.redirect(303, `${pathTo('track.signIn', { lang: res.locals.lang })}?signedOut=1`);
}

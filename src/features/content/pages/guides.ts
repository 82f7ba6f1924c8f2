/** /{lang}/guides has no page of its own: the guides are a section of the rights index. */
import type { Request, Response } from 'express';
import { pathTo } from '../../../http/paths.ts';

export function guidesRedirect(_req: Request, res: Response): void {
  res.redirect(301, `${pathTo('content.rights', { lang: res.locals.lang })}#guides`);
}

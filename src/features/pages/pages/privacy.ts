import type { Request, Response } from 'express';
import { keepRenderedPage } from '../../../http/page-cache.ts';
import { NOTICES, presentNotice } from '../presenters/notice.ts';

export function privacyPage(_req: Request, res: Response): void {
  res.set('Cache-Control', 'no-cache');
  keepRenderedPage(res);
  res.render(NOTICES.privacy.view, presentNotice('privacy', res.locals.t));
}

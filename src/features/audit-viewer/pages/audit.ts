/** GET /staff/audit: the chain's state, the filter, and a page of events newest first, in words. */
import type { Request, Response } from 'express';
import { validate } from '../../../http/validation.ts';
import { actorTypeItems, pageLinks, presentChain } from '../presenters/audit.ts';
import { presentAuditRows } from '../presenters/rows.ts';
import { auditQuery } from '../schemas.ts';
import type { AuditViewer } from '../service.ts';
import { pathTo } from '../../../http/paths.ts';

function exportHref(filter: Record<string, unknown>): string {
  const params = new URLSearchParams(Object.entries(filter).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  const text = params.toString();
  return `${pathTo('staff.audit.export')}${text ? `?${text}` : ''}`;
}

export function auditPage(viewer: AuditViewer) {
  return async (req: Request, res: Response): Promise<void> => {
    const { t } = res.locals;
    const raw = req.query as Record<string, unknown>;
    const parsed = validate(auditQuery, raw);
    const [checked, checkpoint] = await Promise.all([viewer.verification(false), viewer.latestCheckpoint()]);
    const common = { layout: 'staff', title: t('auditViewer.title'), chain: presentChain(checked, checkpoint), actorTypeItems: actorTypeItems(t) };
    if (!parsed.ok) {
      res.status(400).render('staff/audit', { ...common, values: raw, errors: parsed.errors, events: [] });
      return;
    }
    const { before, ...filter } = parsed.data;
    const page = await viewer.events({ ...filter, beforeId: before });
    res.render('staff/audit', {
      ...common,
      values: filter,
      events: presentAuditRows(t, page.events, page.lookups),
      exportHref: exportHref(filter),
      ...pageLinks(parsed.data, page.nextBeforeId),
    });
  };
}

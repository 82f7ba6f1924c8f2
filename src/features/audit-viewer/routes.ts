/**
 * /staff/audit, for admins and auditors: the audit trail filtered by actor, entity, action and date, newest
 * first, with the chain's verification result and the latest checkpoint. Verification of a long chain takes
 * seconds, so its result is kept for five minutes; "verify now" runs it again.
 */
import { Router, type Request, type Response } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { requestId } from '../../http/logging.ts';
import { isoDateString, validate } from '../../http/validation.ts';
import { ACTOR_TYPES } from '../audit/canonical.ts';
import { latestCheckpoint, listEvents, recordAlone, verifyChain, type Verification } from '../audit/service.ts';
import { currentStaff, type createStaffGate } from '../staff/auth.ts';

const PAGE_SIZE = 50;
const RESULT_TTL_MS = 5 * 60 * 1000;

const blank = (value: unknown) => (value === '' ? undefined : value);
const isoDate = isoDateString('staff.errors.date');
const auditQuery = z.object({
  actorType: z.preprocess(blank, z.enum(ACTOR_TYPES, { error: 'staff.errors.filter' }).optional()),
  actorId: z.preprocess(blank, z.string().trim().regex(/^[\w.:@-]{1,64}$/, 'staff.errors.filter').optional()),
  entityType: z.preprocess(blank, z.string().trim().regex(/^[a-z][a-z0-9_]{0,31}$/, 'staff.errors.filter').optional()),
  entityId: z.preprocess(blank, z.string().trim().regex(/^[\w.:@-]{1,64}$/, 'staff.errors.filter').optional()),
  action: z.preprocess(blank, z.string().trim().regex(/^[a-z][a-z0-9_.]{0,63}$/, 'staff.errors.filter').optional()),
  from: z.preprocess(blank, isoDate.optional()),
  to: z.preprocess(blank, isoDate.optional()),
  before: z.preprocess(blank, z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional()),
});

export function auditViewerRoutes(deps: { knex: Knex; gate: ReturnType<typeof createStaffGate> }): Router {
  const router = Router();
  const { knex, gate } = deps;
  let last: { at: Date; result: Verification } | undefined;

  async function verification(force: boolean): Promise<{ at: Date; result: Verification }> {
    if (force || !last || Date.now() - last.at.getTime() > RESULT_TTL_MS) last = { at: new Date(), result: await verifyChain(knex) };
    return last;
  }

  router.get('/audit', ...gate.requireStaff('audit.view'), async (req: Request, res: Response) => {
    const raw = req.query as Record<string, unknown>;
    const parsed = validate(auditQuery, raw);
    const [checked, checkpoint] = await Promise.all([verification(false), latestCheckpoint(knex)]);
    const common = { layout: 'staff', title: res.locals.t('auditViewer.title'), checked, checkpoint, actorTypes: ACTOR_TYPES };
    if (!parsed.ok) {
      res.status(400).render('staff/audit', { ...common, values: raw, errors: parsed.errors, events: [] });
      return;
    }
    const { before, ...filter } = parsed.data;
    const page = await listEvents(knex, { ...filter, beforeId: before }, PAGE_SIZE);
    const params = new URLSearchParams(Object.entries(filter).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
    if (page.nextBeforeId) params.set('before', String(page.nextBeforeId));
    res.render('staff/audit', {
      ...common,
      values: filter,
      events: page.events.map((event) => ({ ...event, detailsText: JSON.stringify(event.details) })),
      nextHref: page.nextBeforeId ? `/staff/audit?${params.toString()}` : undefined,
      firstHref: before ? `/staff/audit?${new URLSearchParams(Object.entries(filter).filter((entry): entry is [string, string] => typeof entry[1] === 'string')).toString()}` : undefined,
    });
  });

  router.post('/audit/verify', ...gate.requireStaff('audit.view'), async (req: Request, res: Response) => {
    const checked = await verification(true);
    await recordAlone(knex, { actorType: 'staff', actorId: currentStaff(res).id, action: 'audit.verified', entityType: 'audit', requestId: requestId(req), details: { ok: checked.result.ok, count: checked.result.count } });
    res.redirect(303, '/staff/audit');
  });

  return router;
}

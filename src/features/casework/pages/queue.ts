/** GET /staff/cases: the queue, filtered, searched, sorted and paged by keyset (or grouped by organisation). */
import type { Request, Response } from 'express';
import { addDays, bishkekToday } from '../../../lib/dates.ts';
import { validate, type FormErrors } from '../../../http/validation.ts';
import { currentStaff } from '../../staff/auth.ts';
import { can, personalDataScope } from '../../staff/permissions.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import { presentQueueFrame, presentQueuePage, SOON_DAYS, type QueueInput } from '../presenters/queue.ts';
import { QUEUE_PAGE_SIZE, queueQuery, type QueueQuery } from '../schemas.ts';
import { queueFrame, searchQueue } from '../service.ts';
import type { QueueFilter } from '../queue.ts';
import { staffActor, type CaseworkPageDeps } from './context.ts';
import { renderGroups } from './queue-groups.ts';

export function toFilter(query: QueueQuery, userId: number, today: string): QueueFilter {
  const assignee = query.assignee === 'me' ? userId : query.assignee === 'none' ? 'none' : query.assignee ? Number(query.assignee) : undefined;
  const { status, type, sector, organisation, language, due, reply, from, to, q, sort } = query;
  return {
    status,
    type,
    assignee,
    sector,
    organisation,
    language,
    due,
    reply,
    from,
    to,
    q,
    sort,
    today,
    soonUntil: addDays(today, SOON_DAYS),
    after: decodeCursor(query.after),
  };
}

/** The queue for this request's filters; `refused`: a bulk assignment shown again with its errors. */
export async function renderQueue(
  deps: CaseworkPageDeps,
  req: Request,
  res: Response,
  refused?: { errors: FormErrors; posted: Record<string, unknown> },
): Promise<void> {
  const user = currentStaff(res);
  const raw = req.query as Record<string, unknown>;
  const parsed = validate(queueQuery, raw);
  const today = bishkekToday();
  const grouped = parsed.ok && parsed.data.view === 'organisations';
  const pagePromise = parsed.ok && !grouped ? searchQueue(deps, toFilter(parsed.data, user.id, today), QUEUE_PAGE_SIZE, staffActor(req, res)) : undefined;
  const [frame, page] = await Promise.all([queueFrame(deps), pagePromise]);
  const input: QueueInput = {
    t: res.locals.t,
    lang: res.locals.lang,
    searchesAnswers: personalDataScope(user.role) !== 'none',
    canAssign: can(user.role, 'cases.assign'),
    canExport: can(user.role, 'cases.export'),
    counts: frame.counts,
    caseworkers: frame.caseworkers,
    today,
  };
  if (parsed.ok && grouped) {
    await renderGroups(deps, req, res, parsed.data, input);
    return;
  }
  if (!parsed.ok || !page) {
    res.status(400).render('staff/cases/index', { ...presentQueueFrame(input), values: raw, errors: parsed.ok ? undefined : parsed.errors, rows: [] });
    return;
  }
  const view = presentQueuePage(input, { rows: page.rows, next: page.next ? encodeCursor(page.next) : undefined }, parsed.data, refused?.posted);
  res.status(refused ? 400 : 200).render('staff/cases/index', { ...view, errors: refused?.errors, returnTo: req.originalUrl });
}

export function queuePage(deps: CaseworkPageDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    await renderQueue(deps, req, res);
  };
}

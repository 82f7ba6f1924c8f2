/**
 * /staff/cases: the queue (filters, search, sort, keyset pages, counts, bulk assignment) and the case page
 * with its forms (transitions, messages, notes, links, assignment) and file downloads. Handlers are thin:
 * access rules and changes live in service.ts.
 */
import { Router, type Request, type Response } from 'express';
import createHttpError from 'http-errors';
import type { Config } from '../../config.ts';
import { addDays, bishkekToday } from '../../lib/dates.ts';
import { requestId } from '../../http/logging.ts';
import { filesFrom, uploadClientKey, type UploadParser } from '../../http/uploads.ts';
import { fileProblemErrors } from '../attachments/present.ts';
import { validate, type FormErrors } from '../../http/validation.ts';
import { dueState, explainDeadline } from '../cases/deadlines.ts';
import { caseAnswers } from '../intake/case-answers.ts';
import { currentStaff, type createStaffGate } from '../staff/auth.ts';
import { can, personalDataScope } from '../staff/permissions.ts';
import type { QueueFilter } from './queue.ts';
import { CASE_TYPES, QUEUE_PAGE_SIZE, SECTORS, assignForm, bulkAssignForm, caseParams, fileParams, linkForm, messageForm, noteForm, queueQuery, transitionChoice, transitionFormFor, type QueueQuery } from './schemas.ts';
import { addNote, applyTransition, assign, assignByReference, caseworkers as listCaseworkers, downloadFile, linkCases, openCaseFile, queueCounts, searchQueue, sendStaffMessage, type CaseworkDeps, type FileProblem, type StaffActor } from './service.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { MESSAGE_TEMPLATES } from './templates.ts';
import { eventLabelKey } from './timeline.ts';
import { caseTarget, DECISIONS, INADMISSIBLE_REASONS, REFERRAL_BODIES, STATUSES } from '../cases/workflow.ts';

const SOON_DAYS = 3;

function toFilter(query: QueueQuery, userId: number, today: string): QueueFilter {
  return {
    status: query.status,
    type: query.type,
    assignee: query.assignee === 'me' ? userId : query.assignee === 'none' ? 'none' : query.assignee ? Number(query.assignee) : undefined,
    sector: query.sector,
    language: query.language,
    due: query.due,
    reply: query.reply,
    today,
    soonUntil: addDays(today, SOON_DAYS),
    from: query.from,
    to: query.to,
    q: query.q,
    sort: query.sort,
    after: decodeCursor(query.after),
  };
}

function queryString(values: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (typeof value === 'string' && value !== '') params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function caseworkRoutes(deps: CaseworkDeps & { gate: ReturnType<typeof createStaffGate>; uploadParser: UploadParser; config: CaseworkDeps['config'] & Pick<Config, 'uploads'> }): Router {
  const router = Router();
  const { gate } = deps;
  const actor = (req: Request, res: Response): StaffActor => {
    const user = currentStaff(res);
    return { id: user.id, role: user.role, requestId: requestId(req) };
  };
  /** The actor, with the keyed client address the per-address upload quota counts against. */
  const staffUploader = (req: Request, res: Response): StaffActor => ({ ...actor(req, res), clientKey: uploadClientKey(req) });
  // Files are read only on the forms that take them, after the sign-in, permission and CSRF checks.
  const staffFiles = deps.uploadParser.accept({ fields: ['files'] });
  const reference = (req: Request): string => {
    const parsed = caseParams.safeParse(req.params);
    if (!parsed.success) throw createHttpError(404);
    return parsed.data.reference;
  };

  function assigneeItems(res: Response, caseworkers: { id: number; name: string; role: string }[]) {
    return [...caseworkers.map((worker) => ({ value: String(worker.id), label: `${worker.name} (${res.locals.t(`staff.roles.${worker.role}`)})` })), { value: 'none', label: res.locals.t('casework.filters.unassigned') }];
  }

  /** Refused files as form errors on the form's file field, one per file. */
  const fileErrors = (problems: readonly FileProblem[]): FormErrors => fileProblemErrors('files', problems, deps.config.uploads);

  function filterItems(res: Response) {
    const { t } = res.locals;
    return {
      statuses: [{ value: 'open', label: t('casework.filters.open') }, { value: 'all', label: t('casework.filters.all') }, ...STATUSES.map((status) => ({ value: status, label: t(`casework.statuses.${status}`) }))],
      types: CASE_TYPES.map((type) => ({ value: type, label: t(`track.types.${type}`) })),
      sectors: SECTORS.map((sector) => ({ value: sector, label: t(`intake.sectors.${sector}`) })),
      languages: [{ value: 'ky', label: 'Кыргызча' }, { value: 'ru', label: 'Русский' }, { value: 'en', label: 'English' }],
      due: [{ value: 'overdue', label: t('casework.due.overdue') }, { value: 'soon', label: t('casework.due.soon') }],
      reply: [{ value: 'new', label: t('casework.filters.newReplies') }],
      sorts: [{ value: 'deadline', label: t('casework.filters.sortDeadline') }, { value: 'received', label: t('casework.filters.sortReceived') }],
    };
  }

  /** `bulk`: what a refused bulk assignment posted (the ticked cases and the officer), shown again. */
  async function queue(req: Request, res: Response, formErrors?: FormErrors, status = 200, bulk?: Record<string, unknown>): Promise<void> {
    const { t } = res.locals;
    const user = currentStaff(res);
    const raw = req.query as Record<string, unknown>;
    const parsed = validate(queueQuery, raw);
    const today = bishkekToday();
    const pagePromise = parsed.ok ? searchQueue(deps, toFilter(parsed.data, user.id, today), QUEUE_PAGE_SIZE, actor(req, res)) : undefined;
    const [counts, caseworkers, page] = await Promise.all([queueCounts(deps), listCaseworkers(deps), pagePromise]);
    const common = { layout: 'staff', title: t('casework.queue.title'), searchHint: t(personalDataScope(user.role) === 'none' ? 'casework.filters.searchHintLimited' : 'casework.filters.searchHint'), counts: STATUSES.map((value) => ({ value, label: t(`casework.statuses.${value}`), count: counts[value] ?? 0 })), caseworkers: assigneeItems(res, caseworkers), items: filterItems(res), canAssign: can(user.role, 'cases.assign') };
    if (!parsed.ok || !page) {
      res.status(400).render('staff/cases/index', { ...common, values: raw, errors: parsed.ok ? undefined : parsed.errors, rows: [] });
      return;
    }
    const query: QueueQuery = parsed.data;
    const kept: Record<string, unknown> = { ...query, after: undefined };
    const rows = page.rows.map((row) => {
      const target = caseTarget(row.type, row.status);
      return { ...row, target, dueState: target ? dueState(row.answer_due, today, SOON_DAYS) : undefined };
    });
    res.status(status).render('staff/cases/index', {
      ...common,
      values: { ...kept, assignee: query.assignee ?? '' },
      rows,
      errors: formErrors,
      bulk: bulk ? { cases: ([] as unknown[]).concat(bulk.cases ?? []).filter((id) => typeof id === 'string'), assignTo: typeof bulk.assignTo === 'string' ? bulk.assignTo : '' } : { cases: [], assignTo: '' },
      firstHref: query.after ? `/staff/cases${queryString(kept)}` : undefined,
      nextHref: page.next ? `/staff/cases${queryString({ ...kept, after: encodeCursor(page.next) })}` : undefined,
      returnTo: req.originalUrl,
    });
  }

  router.get('/cases', ...gate.requireStaff('cases.list'), async (req: Request, res: Response) => {
    await queue(req, res);
  });

  router.post('/cases/assign', ...gate.requireStaff('cases.assign'), async (req: Request, res: Response) => {
    const parsed = validate(bulkAssignForm, req.body);
    if (!parsed.ok) {
      await queue(req, res, parsed.errors, 400, req.body as Record<string, unknown>);
      return;
    }
    const count = await assign(deps, parsed.data.cases.map(Number), parsed.data.assignTo === 'none' ? null : Number(parsed.data.assignTo), actor(req, res));
    const back = parsed.data.returnTo ?? '/staff/cases';
    res.redirect(303, `${back}${back.includes('?') ? '&' : '?'}assigned=${String(count)}`);
  });

  async function casePage(req: Request, res: Response, errors?: FormErrors, values: Record<string, unknown> = {}, status = 200, openForm?: string): Promise<void> {
    const { t, lang } = res.locals;
    const file = await openCaseFile(deps, reference(req), actor(req, res));
    const today = bishkekToday();
    const holidays = file.holidays;
    const registration = explainDeadline(file.case.received_date, file.case.registration_due, holidays);
    const answer = explainDeadline(file.case.received_date, file.case.answer_due, holidays);
    const target = caseTarget(file.case.type, file.case.status);
    const filesOf = (decisionId: number) => (file.files ?? []).filter((item) => item.decisionId === decisionId);
    const decisions = (file.decisions ?? []).map((decision) => ({ ...decision, files: filesOf(decision.id) }));
    res.status(status).render('staff/cases/show', {
      layout: 'staff',
      title: t('casework.case.title', { reference: file.case.reference }),
      file,
      timeline: file.timeline.map((event) => ({ ...event, label: eventLabelKey(event, 'casework') })),
      // A proposal is under review only while the case waits for it (a citizen may withdraw meanwhile).
      proposal: file.case.status === 'decision_proposed' ? decisions.find((decision) => decision.status === 'proposed') : undefined,
      pastDecisions: decisions.filter((decision) => decision.status !== 'proposed' || file.case.status !== 'decision_proposed').reverse(),
      maxFiles: deps.config.uploads.maxFiles,
      maxMegabytes: Math.round(deps.config.uploads.maxFileBytes / (1024 * 1024)),
      answers: file.parties ? caseAnswers(file.case, file.parties, { t, lang }, file.followUpOf) : [],
      done: typeof req.query.done === 'string' && /^[a-z_]{1,40}$/.test(req.query.done) ? req.query.done : undefined,
      deadlines: {
        registration: { ...registration, state: file.case.status === 'submitted' ? dueState(file.case.registration_due, today) : undefined },
        // Reports are tips, not appeals: a triage target, never a Law No. 67 answer deadline.
        answer: file.case.type === 'report' ? undefined : { ...answer, state: target ? dueState(file.case.answer_due, today, SOON_DAYS) : undefined, paused: file.case.status === 'awaiting_information', pausedDays: file.case.paused_working_days },
        triage: file.case.type === 'report' ? { ...answer, state: target ? dueState(file.case.answer_due, today, SOON_DAYS) : undefined, open: target === 'triage', days: deps.config.deadlines.triageTargetWorkingDays } : undefined,
        progress: file.case.progress_due ? { due: file.case.progress_due, state: dueState(file.case.progress_due, today, 7) } : undefined,
        breachHours: file.case.type === 'breach' ? (file.case.answers as { hoursToNotify?: number }).hoursToNotify : undefined,
      },
      // A transition form's fields carry the transition's id in theirs (several forms share field names).
      errors: openForm && errors ? { list: errors.list.map((error) => ({ ...error, field: `${openForm}-${error.field}` })), byField: {} } : errors,
      values: openForm ? {} : values,
      transitionErrors: openForm && errors ? { [openForm]: errors.byField } : {},
      transitionValues: openForm ? { [openForm]: values } : {},
      caseworkers: can(currentStaff(res).role, 'cases.assign') ? assigneeItems(res, await listCaseworkers(deps)) : undefined,
      canTake: can(currentStaff(res).role, 'cases.takeUnassigned') && file.case.assignee_id === null,
      templates: MESSAGE_TEMPLATES.map((value) => ({ value, label: t(`casework.templates.${value}.label`) })),
      decisions: DECISIONS.map((value) => ({ value, label: t(`casework.decisions.${value}`) })),
      reasons: INADMISSIBLE_REASONS.map((value) => ({ value, label: t(`casework.reasons.${value}`) })),
      bodies: REFERRAL_BODIES.map((value) => ({ value, label: t(`casework.bodies.${value}`) })),
      lang,
    });
  }

  router.get('/cases/:reference', ...gate.requireStaff('cases.view'), async (req: Request, res: Response) => {
    await casePage(req, res);
  });

  router.post('/cases/:reference/transitions', ...gate.requireStaff('cases.transition'), staffFiles, async (req: Request, res: Response) => {
    const ref = reference(req);
    const choice = validate(transitionChoice, req.body);
    if (!choice.ok) throw createHttpError(400);
    const id = choice.data.transition;
    const schema = transitionFormFor(id);
    const parsed = validate(schema, req.body);
    if (!parsed.ok) {
      await casePage(req, res, parsed.errors, req.body as Record<string, unknown>, 400, id);
      return;
    }
    const result = await applyTransition(deps, ref, id, parsed.data, staffUploader(req, res), filesFrom(req, 'files'));
    if (!result.ok) {
      if (result.problem === 'forbidden') throw createHttpError(403);
      if (result.problem === 'files') {
        await casePage(req, res, fileErrors(result.files), req.body as Record<string, unknown>, 400, id);
        return;
      }
      const error = { field: 'actions', key: result.problem === 'same_person' ? 'casework.errors.samePerson' : 'casework.errors.transitionNotAllowed', values: {} };
      await casePage(req, res, { list: [error], byField: { actions: error } }, {}, 409);
      return;
    }
    res.redirect(303, `/staff/cases/${ref}?done=${id}`);
  });

  router.post('/cases/:reference/messages', ...gate.requireStaff('cases.message'), staffFiles, async (req: Request, res: Response) => {
    const ref = reference(req);
    const parsed = validate(messageForm, req.body);
    if (!parsed.ok) {
      await casePage(req, res, parsed.errors, req.body as Record<string, unknown>, 400);
      return;
    }
    const result = await sendStaffMessage(deps, ref, parsed.data.template, parsed.data.body, staffUploader(req, res), filesFrom(req, 'files'));
    if (!result.ok) {
      await casePage(req, res, fileErrors(result.files), req.body as Record<string, unknown>, 400);
      return;
    }
    res.redirect(303, `/staff/cases/${ref}?done=message#messages`);
  });

  router.post('/cases/:reference/notes', ...gate.requireStaff('cases.note'), async (req: Request, res: Response) => {
    const ref = reference(req);
    const parsed = validate(noteForm, req.body);
    if (!parsed.ok) {
      await casePage(req, res, parsed.errors, req.body as Record<string, unknown>, 400);
      return;
    }
    await addNote(deps, ref, parsed.data.note, actor(req, res));
    res.redirect(303, `/staff/cases/${ref}?done=note#notes`);
  });

  router.post('/cases/:reference/links', ...gate.requireStaff('cases.link'), async (req: Request, res: Response) => {
    const ref = reference(req);
    const parsed = validate(linkForm, req.body);
    if (!parsed.ok) {
      await casePage(req, res, parsed.errors, req.body as Record<string, unknown>, 400);
      return;
    }
    const result = await linkCases(deps, ref, parsed.data.linkedReference, parsed.data.kind, actor(req, res));
    if (result === 'notFound' || result === 'self') {
      const error = { field: 'linkedReference', key: `casework.errors.link.${result}`, values: {} };
      await casePage(req, res, { list: [error], byField: { linkedReference: error } }, req.body as Record<string, unknown>, 400);
      return;
    }
    res.redirect(303, `/staff/cases/${ref}?done=link#links`);
  });

  router.post('/cases/:reference/assign', ...gate.requireStaff('cases.takeUnassigned'), async (req: Request, res: Response) => {
    const ref = reference(req);
    const parsed = validate(assignForm, req.body);
    if (!parsed.ok) {
      await casePage(req, res, parsed.errors, req.body as Record<string, unknown>, 400);
      return;
    }
    await assignByReference(deps, ref, parsed.data.assignee === 'none' ? null : Number(parsed.data.assignee), actor(req, res));
    res.redirect(303, `/staff/cases/${ref}?done=assign`);
  });

  for (const [path, variant] of [['/cases/:reference/files/:id', 'file'], ['/cases/:reference/files/:id/original', 'original']] as const) {
    router.get(path, ...gate.requireStaff('files.download'), async (req: Request, res: Response) => {
      const params = fileParams.safeParse(req.params);
      if (!params.success) throw createHttpError(404);
      const content = await downloadFile(deps, params.data.reference, params.data.id, actor(req, res), variant);
      res.attachment(content.fileName).type(content.contentType).set('X-Content-Type-Options', 'nosniff').send(content.bytes);
    });
  }

  return router;
}

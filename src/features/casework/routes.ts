/**
 * The back office's cases: the queue (filters, search, keyset pages, bulk assignment, CSV/XLSX export), the case
 * page and its forms (transitions, messages, notes, links, assignment, legal hold), and file downloads. Wiring
 * only: each path, its permission and its page (pages/); files are read only on the forms that take them, after
 * the sign-in, permission and CSRF checks.
 */
import { Router } from 'express';
import { routePath } from '../../http/paths.ts';
import type { UploadParser } from '../../http/uploads.ts';
import type { createStaffGate } from '../staff/auth.ts';
import { assignCase } from './pages/assign.ts';
import { bulkAssign } from './pages/bulk-assign.ts';
import type { CaseworkPageDeps } from './pages/context.ts';
import { queueExport } from './pages/export.ts';
import { caseFileDownload } from './pages/file.ts';
import { changeHold } from './pages/hold.ts';
import { linkCase } from './pages/link.ts';
import { sendMessage } from './pages/message.ts';
import { saveNote } from './pages/note.ts';
import { queuePage } from './pages/queue.ts';
import { casePage } from './pages/show.ts';
import { transitionCase } from './pages/transition.ts';

export function caseworkRoutes(deps: CaseworkPageDeps & { gate: ReturnType<typeof createStaffGate>; uploadParser: UploadParser }): Router {
  const router = Router();
  const { gate } = deps;
  const staffFiles = deps.uploadParser.accept({ fields: ['files'] });
  router.get(routePath('staff.cases.index'), ...gate.requireStaff('cases.list'), queuePage(deps));
  router.post(routePath('staff.cases.assign'), ...gate.requireStaff('cases.assign'), bulkAssign(deps));
  router.get(routePath('staff.cases.exportCsv'), ...gate.requireStaff('cases.export'), queueExport(deps, 'csv'));
  router.get(routePath('staff.cases.exportXlsx'), ...gate.requireStaff('cases.export'), queueExport(deps, 'xlsx'));
  router.get(routePath('staff.cases.show'), ...gate.requireStaff('cases.view'), casePage(deps));
  router.post(routePath('staff.cases.transitions'), ...gate.requireStaff('cases.transition'), staffFiles, transitionCase(deps));
  router.post(routePath('staff.cases.messages'), ...gate.requireStaff('cases.message'), staffFiles, sendMessage(deps));
  router.post(routePath('staff.cases.notes'), ...gate.requireStaff('cases.note'), saveNote(deps));
  router.post(routePath('staff.cases.links'), ...gate.requireStaff('cases.link'), linkCase(deps));
  router.post(routePath('staff.cases.hold'), ...gate.requireStaff('cases.hold'), changeHold(deps));
  router.post(routePath('staff.cases.assignOne'), ...gate.requireStaff('cases.takeUnassigned'), assignCase(deps));
  router.get(routePath('staff.cases.file'), ...gate.requireStaff('files.download'), caseFileDownload(deps, 'file'));
  router.get(routePath('staff.cases.fileOriginal'), ...gate.requireStaff('files.download'), caseFileDownload(deps, 'original'));
  return router;
}

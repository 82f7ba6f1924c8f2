/**
 * GET /staff/audit/export.csv: the filtered trail as CSV in the reader's language (one line per event, in words),
 * streamed a batch at a time; the export is itself recorded on the trail, with its filter and line count.
 */
import type { Request, Response } from 'express';
import { requestId } from '../../../http/logging.ts';
import { drained } from '../../../http/streaming.ts';
import { validate } from '../../../http/validation.ts';
import { CSV_BOM, csvLine } from '../../../lib/csv.ts';
import { formatDateTime } from '../../../lib/dates.ts';
import { bishkekToday } from '../../../lib/dates.ts';
import { currentStaff } from '../../staff/auth.ts';
import { actionText, actorText, detailFields, itemOf } from '../presenters/rows.ts';
import { auditQuery } from '../schemas.ts';
import type { AuditViewer } from '../service.ts';

export function auditExport(viewer: AuditViewer) {
  return async (req: Request, res: Response): Promise<void> => {
    const { t, lang } = res.locals;
    const parsed = validate(auditQuery, req.query);
    if (!parsed.ok) {
      res.redirect(303, req.path.replace(/\/export\.csv$/, ''));
      return;
    }
    const { before, ...filter } = parsed.data;
    res.type('text/csv; charset=utf-8');
    res.attachment(`audit-${bishkekToday()}.csv`);
    const headings = ['id', 'time', 'person', 'action', 'item', 'details'].map((key) => (key === 'id' ? '#' : t(`auditViewer.csv.${key}`)));
    res.write(CSV_BOM + csvLine(headings));
    let rows = 0;
    for await (const batch of viewer.allEvents({ ...filter, beforeId: before })) {
      if (res.destroyed) break;
      const lines = batch.events.map((event) =>
        csvLine([
          event.id,
          formatDateTime(event.occurredAt, lang),
          actorText(t, event, batch.lookups.people),
          actionText(t, event, batch.lookups.files),
          itemOf(event)?.text,
          detailFields(t, event.details)
            .map((field) => `${field.label}: ${field.value}`)
            .join('; '),
        ]),
      );
      res.write(lines.join(''));
      rows += batch.events.length;
      if (res.writableNeedDrain) await drained(res);
    }
    await viewer.recordExport(currentStaff(res).id, requestId(req), { ...filter, beforeId: before }, rows, !res.destroyed);
    res.end();
  };
}

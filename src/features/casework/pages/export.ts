/**
 * GET /staff/cases/export.csv and .xlsx: the queue's current filter, every matching case, streamed. The download
 * starts at once and grows a batch at a time (the browser's own download bar is the progress indication; no
 * file is ever built on the server), and each batch waits until the previous one has gone out, so a slow reader
 * holds back the database reads instead of filling memory. A broken-off download is recorded as incomplete.
 */
import type { Request, Response } from 'express';
import { drained } from '../../../http/streaming.ts';
import { validate } from '../../../http/validation.ts';
import { bishkekToday } from '../../../lib/dates.ts';
import { CSV_BOM, csvLine } from '../../../lib/csv.ts';
import { currentStaff } from '../../staff/auth.ts';
import { exportBatches, exportsPersonalData, recordExport, type ExportRow } from '../export.ts';
import { exportFileName, presentExportTable, type ExportTable } from '../presenters/export.ts';
import { queueQuery } from '../schemas.ts';
import { renderQueue, toFilter } from './queue.ts';
import { staffActor, type CaseworkPageDeps } from './context.ts';

interface Sink {
  start(headings: string[]): void;
  rows(cells: (string | null)[][]): void;
  end(): Promise<void>;
}

function csvSink(res: Response): Sink {
  return {
    start: (headings) => res.write(CSV_BOM + csvLine(headings)),
    rows: (cells) => res.write(cells.map(csvLine).join('')),
    end: async () => {
      res.end();
      await Promise.resolve();
    },
  };
}

/**
 * exceljs's streaming writer: rows are committed (written out) as they come; a text cell is never a formula.
 * Loaded on the first XLSX export, not at start: it adds about 9 MB of heap and 38 MB of resident memory to every
 * instance, for a download few staff ask for.
 */
async function xlsxSink(res: Response, sheetName: string): Promise<Sink> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName);
  return {
    start: (headings) => sheet.addRow(headings).commit(),
    rows: (cells) => {
      for (const row of cells) sheet.addRow(row.map((cell) => cell ?? '')).commit();
    },
    end: async () => {
      sheet.commit();
      await workbook.commit();
    },
  };
}

async function stream(res: Response, sink: Sink, table: ExportTable, batches: AsyncGenerator<ExportRow[]>): Promise<{ rows: number; complete: boolean }> {
  let rows = 0;
  sink.start(table.headings);
  for await (const batch of batches) {
    if (res.destroyed) return { rows, complete: false };
    sink.rows(batch.map(table.cells));
    rows += batch.length;
    if (res.writableNeedDrain) await drained(res);
  }
  return { rows, complete: !res.destroyed };
}

export function queueExport(deps: CaseworkPageDeps, format: 'csv' | 'xlsx') {
  return async (req: Request, res: Response): Promise<void> => {
    const parsed = validate(queueQuery, req.query as Record<string, unknown>);
    if (!parsed.ok) {
      await renderQueue(deps, req, res);
      return;
    }
    const user = currentStaff(res);
    const actor = staffActor(req, res);
    const today = bishkekToday();
    const filter = toFilter({ ...parsed.data, after: undefined }, user.id, today);
    const table = presentExportTable(res.locals.t, exportsPersonalData(user.role));
    res.type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.attachment(exportFileName(format, today));
    const sink = format === 'csv' ? csvSink(res) : await xlsxSink(res, res.locals.t('casework.export.sheet'));
    let summary = { rows: 0, complete: false };
    try {
      summary = await stream(res, sink, table, exportBatches(deps, filter, actor));
    } finally {
      // Recorded before the file's last bytes go out: a download that completed is already on the trail.
      await recordExport(deps, filter, actor, { format, ...summary });
    }
    if (summary.complete) await sink.end();
  };
}

/**
 * The export's columns (pure): headings in the staff member's language, cells as a spreadsheet should hold them
 * (ISO dates, labels rather than codes). The people's names and contacts are columns only when `personal`.
 */
import type { Translate } from '../../../i18n/i18n.ts';
import { bishkekToday } from '../../../lib/dates.ts';
import type { ExportRow } from '../export.ts';

interface Column {
  key: string;
  of: (row: ExportRow) => string | null;
}

function caseColumns(t: Translate): Column[] {
  return [
    { key: 'reference', of: (row) => row.reference },
    { key: 'type', of: (row) => t(`track.types.${row.type}`) },
    { key: 'status', of: (row) => t(`casework.statuses.${row.status}`) },
    { key: 'language', of: (row) => row.language },
    { key: 'organisation', of: (row) => row.organisation_name },
    { key: 'sector', of: (row) => (row.sector ? t(`intake.sectors.${row.sector}`) : null) },
    { key: 'received', of: (row) => bishkekToday(row.received_at) },
    { key: 'answerDue', of: (row) => row.answer_due },
    { key: 'assignee', of: (row) => row.assignee_name },
  ];
}

const PERSONAL_COLUMNS: Column[] = [
  { key: 'personName', of: (row) => row.person?.full_name ?? null },
  { key: 'personEmail', of: (row) => row.person?.email ?? null },
  { key: 'personPhone', of: (row) => row.person?.phone ?? null },
];

export interface ExportTable {
  headings: string[];
  cells: (row: ExportRow) => (string | null)[];
}

export function presentExportTable(t: Translate, personal: boolean): ExportTable {
  const columns = personal ? [...caseColumns(t), ...PERSONAL_COLUMNS] : caseColumns(t);
  return {
    headings: columns.map((column) => t(`casework.export.columns.${column.key}`)),
    cells: (row) => columns.map((column) => column.of(row)),
  };
}

/** The download's file name: the queue and today's date, nothing from the filter. */
export function exportFileName(format: 'csv' | 'xlsx', today: string): string {
  return `cases-${today}.${format}`;
}

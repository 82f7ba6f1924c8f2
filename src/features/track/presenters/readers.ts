/** "Who at the Agency has seen your case": each read's time and the reader's role, never a name. */
import type { CaseViewRow } from '../../audit/service.ts';

export interface ReaderView {
  at: Date;
  roleKey: string;
}

const ROLES = new Set(['admin', 'supervisor', 'case_officer', 'editor', 'auditor']);

export function presentReaders(reads: readonly CaseViewRow[]): ReaderView[] {
  return reads.map((read) => ({ at: read.occurred_at, roleKey: read.role && ROLES.has(read.role) ? `staff.roles.${read.role}` : 'track.readers.formerStaff' }));
}

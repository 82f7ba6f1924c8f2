/** The "who saw this case" view model (pure): one line per member of staff, by name and role. */
import type { Translate } from '../../../i18n/i18n.ts';
import type { Person, ReaderRow } from '../service.ts';

export function presentReaders(t: Translate, rows: readonly (ReaderRow & { person?: Person })[]) {
  return rows.map((row) => ({
    person: row.person
      ? t('auditViewer.person', { name: row.person.name, role: t(`staff.roles.${row.person.role}`) })
      : t('auditViewer.unknownStaff', { id: row.actor_id }),
    views: row.views,
    downloads: row.downloads,
    firstAt: row.first_at,
    lastAt: row.last_at,
  }));
}

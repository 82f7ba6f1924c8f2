/**
 * The audit trail in words (pure): who (name and role), what (in the reader's language), on what (a case links to
 * its page), and the details as labelled fields. Repeated reads of one case by one person within ten minutes
 * are one line with a count.
 */
import type { Translate } from '../../../i18n/i18n.ts';
import { pathTo } from '../../../http/paths.ts';
import type { DetailValue } from '../../audit/canonical.ts';
import type { StoredEvent } from '../../audit/service.ts';
import type { Person } from '../service.ts';
import { actionKey, AUDIT_ACTIONS, DETAIL_LABELS } from '../wording.ts';

const GROUP_WINDOW_MS = 10 * 60 * 1000;

export interface Lookups {
  people: ReadonlyMap<string, Person>;
  files: ReadonlyMap<string, string>;
}

interface Grouped {
  event: StoredEvent;
  count: number;
  /** The earliest event of the group (the first read). */
  since: Date;
}

/** Newest first in, newest first out: a case read again by the same person within ten minutes joins the later read's line. */
function groupReads(events: readonly StoredEvent[]): Grouped[] {
  const groups: Grouped[] = [];
  const open = new Map<string, Grouped>();
  for (const event of events) {
    const key = event.action === 'case.viewed' ? `${event.actorType}:${event.actorId ?? ''}:${event.entityId ?? ''}` : undefined;
    const group = key ? open.get(key) : undefined;
    if (group && group.since.getTime() - event.occurredAt.getTime() <= GROUP_WINDOW_MS) {
      group.count++;
      group.since = event.occurredAt;
      continue;
    }
    const fresh = { event, count: 1, since: event.occurredAt };
    groups.push(fresh);
    if (key) open.set(key, fresh);
  }
  return groups;
}

const KNOWN = new Set<string>(AUDIT_ACTIONS);
const LABELLED = new Set<string>(DETAIL_LABELS);

export function actorText(t: Translate, event: StoredEvent, people: ReadonlyMap<string, Person>): string {
  switch (event.actorType) {
    case 'staff': {
      const person = event.actorId ? people.get(event.actorId) : undefined;
      return person
        ? t('auditViewer.person', { name: person.name, role: t(`staff.roles.${person.role}`) })
        : t('auditViewer.unknownStaff', { id: event.actorId ?? '' });
    }
    case 'citizen':
      // A citizen acts on their case, or on a letter they keep without any case.
      return event.entityType === 'tracked_request' ? t('auditViewer.citizen') : t('auditViewer.citizenOfCase');
    case 'organisation':
      return t('casework.actors.organisation');
    case 'system':
      return t('auditViewer.system');
  }
}

export function actionText(t: Translate, event: StoredEvent, files: ReadonlyMap<string, string>): string {
  if (!KNOWN.has(event.action)) return t('auditViewer.unknownAction', { action: event.action });
  const file = event.entityType === 'attachment' && event.entityId ? (files.get(event.entityId) ?? t('auditViewer.aFile')) : t('auditViewer.aFile');
  const rows = typeof event.details.rows === 'number' ? event.details.rows : 0;
  return t(actionKey(event.action), { file, rows, count: rows });
}

function valueText(t: Translate, value: DetailValue): string {
  if (value === null) return '—';
  if (typeof value === 'boolean') return t(value ? 'auditViewer.yes' : 'auditViewer.no');
  if (Array.isArray(value)) return value.map((item) => valueText(t, item)).join(', ');
  if (typeof value === 'object')
    return Object.entries(value)
      .map(([key, inner]) => `${key}: ${valueText(t, inner)}`)
      .join(', ');
  return String(value);
}

export function detailFields(t: Translate, details: Readonly<Record<string, DetailValue>>): { label: string; value: string }[] {
  return Object.entries(details).map(([key, value]) => ({ label: LABELLED.has(key) ? t(`auditViewer.detailLabels.${key}`) : key, value: valueText(t, value) }));
}

/** What the event is about: a case (linked), or the kind and id of anything else. */
export function itemOf(event: StoredEvent): { text: string; href?: string } | undefined {
  const reference = event.entityType === 'case' ? event.entityId : typeof event.details.case === 'string' ? event.details.case : undefined;
  if (reference && /^[A-Z]{2,5}-\d{4}-\d{6}$/.test(reference)) return { text: reference, href: pathTo('staff.cases.show', { reference }) };
  return event.entityType ? { text: `${event.entityType} ${event.entityId ?? ''}`.trim() } : undefined;
}

export interface AuditRowView {
  id: number;
  occurredAt: Date;
  since?: Date;
  person: string;
  action: string;
  countText?: string;
  item?: { text: string; href?: string };
  details: { label: string; value: string }[];
}

export function presentAuditRows(t: Translate, events: readonly StoredEvent[], lookups: Lookups): AuditRowView[] {
  return groupReads(events).map(({ event, count, since }) => ({
    id: event.id,
    occurredAt: event.occurredAt,
    since: count > 1 ? since : undefined,
    person: actorText(t, event, lookups.people),
    action: actionText(t, event, lookups.files),
    countText: count > 1 ? t('auditViewer.times', { count }) : undefined,
    item: itemOf(event),
    details: detailFields(t, event.details),
  }));
}

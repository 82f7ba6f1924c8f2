import { expect } from 'chai';
import { createTranslator } from '../../src/i18n/i18n.ts';
import { actorTypeItems, pageLinks, presentChain } from '../../src/features/audit-viewer/presenters/audit.ts';
import { presentAuditRows } from '../../src/features/audit-viewer/presenters/rows.ts';
import type { StoredEvent } from '../../src/features/audit/service.ts';

const t = createTranslator({ strict: true }).forLanguage('en');

function event(overrides: Partial<StoredEvent> = {}): StoredEvent {
  return {
    id: 7,
    occurredAt: new Date('2026-11-22T08:05:00Z'),
    actorType: 'staff',
    actorId: '3',
    action: 'case.viewed',
    entityType: 'case',
    entityId: '42',
    requestId: null,
    details: { step: 1 },
    prevHash: '0'.repeat(64),
    hash: 'a'.repeat(64),
    ...overrides,
  };
}

describe('audit viewer presenter', () => {
  const lookups = { people: new Map([['3', { name: 'Aida Bekova', role: 'auditor' }]]), files: new Map([['f1', 'letter-photo.jpg']]) };

  it('names the person and role, words the action and labels the details', () => {
    const [row] = presentAuditRows(t, [event({ details: { personalData: true, step: 1 } })], lookups);
    expect(row).to.deep.include({ id: 7, person: 'Aida Bekova (Auditor)', action: 'viewed the case', countText: undefined });
    expect(row?.item).to.deep.equal({ text: 'case 42' });
    expect(row?.details).to.deep.equal([
      { label: 'Personal data shown', value: 'yes' },
      { label: 'step', value: '1' },
    ]);
  });

  it('names the file a download was of, and links the case it belongs to', () => {
    const download = event({ action: 'attachment.downloaded', entityType: 'attachment', entityId: 'f1', details: { case: 'CMP-2026-000123' } });
    const [row] = presentAuditRows(t, [download], lookups);
    expect(row?.action).to.equal('downloaded evidence letter-photo.jpg');
    expect(row?.item).to.deep.equal({ text: 'CMP-2026-000123', href: '/staff/cases/CMP-2026-000123' });
  });

  it('groups reads of one case by one person within ten minutes into one line with a count', () => {
    const at = (minutes: number) => new Date(Date.UTC(2026, 10, 22, 8, minutes));
    const read = (id: number, minutes: number, actorId = '3', entityId = 'CMP-2026-000123') =>
      event({ id, occurredAt: at(minutes), actorId, entityId, details: {} });
    const rows = presentAuditRows(t, [read(9, 30), read(8, 25), read(7, 18), read(6, 17, '4'), read(5, 2), read(4, 1, '3', 'CMP-2026-000999')], lookups);
    expect(rows.map((row) => [row.id, row.countText])).to.deep.equal([
      [9, '3 times'],
      [6, undefined],
      [5, undefined],
      [4, undefined],
    ]);
    expect(rows[0]?.since).to.deep.equal(at(18));
    expect(rows[1]?.person).to.equal('Staff member no. 4');
  });

  it('leaves the item out when the event has none, and names the system', () => {
    const [row] = presentAuditRows(t, [event({ actorType: 'system', actorId: null, entityType: null, entityId: null, action: 'content.published' })], lookups);
    expect(row).to.deep.include({ person: 'System', action: 'published content', item: undefined });
  });

  it('labels every actor type of the filter', () => {
    expect(actorTypeItems(t).map((item) => item.value)).to.deep.equal(['staff', 'citizen', 'organisation', 'system']);
    expect(actorTypeItems(t)[1]).to.deep.equal({ value: 'citizen', label: 'Citizen' });
  });

  it('links to older events with the same filter, and back to the first page once paged on', () => {
    expect(pageLinks({ action: 'case.', before: undefined }, 120)).to.deep.equal({ nextHref: '/staff/audit?action=case.&before=120', firstHref: undefined });
    expect(pageLinks({ actorType: 'staff', before: 120 }, undefined)).to.deep.equal({ nextHref: undefined, firstHref: '/staff/audit?actorType=staff' });
  });

  it('says whether the chain holds, and where it breaks', () => {
    const at = new Date();
    expect(presentChain({ at, result: { ok: true, count: 3, headHash: 'h', checkpoints: 0 } }, undefined)).to.deep.equal({
      ok: true,
      count: 3,
      headHash: 'h',
      checkedAt: at,
      checkpoint: undefined,
    });
    const broken = presentChain(
      { at, result: { ok: false, count: 2, eventId: 5, problem: 'changed' } },
      { id: 1, createdAt: at, eventCount: 2, headId: 2, headHash: 'x' },
    );
    expect(broken).to.deep.include({ ok: false, brokenEventId: 5, problem: 'changed', checkpoint: { eventCount: 2, createdAt: at, headHash: 'x' } });
  });
});

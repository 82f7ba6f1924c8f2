import { expect } from 'chai';
import { createTranslator } from '../../src/i18n/i18n.ts';
import { actorTypeItems, pageLinks, presentAuditRows, presentChain } from '../../src/features/audit-viewer/presenters/audit.ts';
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
  it('gives each event a finished actor key, its entity as one text and its details as JSON', () => {
    const [row] = presentAuditRows([event()]);
    expect(row).to.deep.include({
      id: 7,
      actorKey: 'casework.actors.staff',
      actorId: '3',
      action: 'case.viewed',
      entity: 'case 42',
      detailsText: '{"step":1}',
    });
    expect(t(row!.actorKey)).to.equal('Staff');
  });

  it('leaves the entity out when the event has none', () => {
    const [row] = presentAuditRows([event({ actorType: 'system', actorId: null, entityType: null, entityId: null })]);
    expect(row).to.deep.include({ actorKey: 'casework.actors.system', actorId: null, entity: null });
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

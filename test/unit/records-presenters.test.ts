import { expect } from 'chai';
import { createTranslator } from '../../src/i18n/i18n.ts';
import { exportFileName, presentExportTable } from '../../src/features/casework/presenters/export.ts';
import type { ExportRow } from '../../src/features/casework/export.ts';
import { presentEntry, presentList } from '../../src/features/publications/presenters/public.ts';
import { presentEditor } from '../../src/features/publications/presenters/editor.ts';
import type { EditorState, PublicationRow } from '../../src/features/publications/service.ts';
import { presentReaders } from '../../src/features/audit-viewer/presenters/readers.ts';

const translator = createTranslator({ strict: true });
const en = translator.forLanguage('en');
const ru = translator.forLanguage('ru');

const row: ExportRow = {
  id: 1,
  reference: 'PDP-2026-000001',
  type: 'complaint',
  status: 'triage',
  language: 'ru',
  organisation_name: 'Shoro LLC',
  sector: 'banking',
  assignee_id: null,
  assignee_name: null,
  received_at: new Date('2026-11-30T20:30:00Z'),
  received_key: '',
  answer_due: '2026-12-20',
  registration_due: '2026-12-02',
  paused_at: null,
  reply_pending_at: null,
  person: { case_id: 1, full_name: 'Асанов Бакыт', email: 'a@example.kg', phone: null },
};

const publication: PublicationRow = {
  id: 5,
  case_id: 1,
  decision_id: 2,
  status: 'approved',
  language: 'ru',
  text: 'Первый абзац.\n\nВторой абзац [ФИО].',
  summary_ky: 'Кыскача.',
  summary_ru: null,
  summary_en: 'In short.',
  outcome: 'upheld',
  sector: 'banking',
  organisation_name: 'Shoro LLC',
  decided_on: '2026-11-30',
  prepared_by: 1,
  prepared_at: new Date(),
  approved_by: 2,
  approved_at: new Date(),
  withdrawn_at: null,
};

describe('records presenters', () => {
  it('gives the export headings in the reader’s language, the personal columns only when allowed, and Bishkek dates', () => {
    const withPeople = presentExportTable(ru, true);
    expect(withPeople.headings.at(-3)).to.equal('Заявитель');
    expect(withPeople.cells(row)).to.deep.equal([
      'PDP-2026-000001',
      ru('track.types.complaint'),
      ru('casework.statuses.triage'),
      'ru',
      'Shoro LLC',
      ru('intake.sectors.banking'),
      '2026-12-01',
      '2026-12-20',
      null,
      'Асанов Бакыт',
      'a@example.kg',
      null,
    ]);
    const without = presentExportTable(en, false);
    expect(without.headings).to.have.length(9);
    expect(without.cells(row)).not.to.include('Асанов Бакыт');
    expect(exportFileName('xlsx', '2026-12-06')).to.equal('cases-2026-12-06.xlsx');
  });

  it('lists published decisions with the summary in the reader’s language and page links keeping the search', () => {
    const view = presentList(en, 'en', { rows: [publication], total: 45 }, { q: 'bank', page: 2 }, 20);
    expect(view.items[0]).to.deep.include({ href: '/en/decisions/5', outcome: 'Upheld', organisation: 'Shoro LLC', summary: 'In short.' });
    expect(view).to.deep.include({ previousHref: '/en/decisions?q=bank', nextHref: '/en/decisions?q=bank&page=3', pageLabel: 'Page 2 of 3' });
    const russian = presentList(ru, 'ru', { rows: [publication], total: 1 }, { page: 1 }, 20);
    expect(russian.items[0]?.summary).to.equal('Первый абзац. Второй абзац [ФИО].');
    expect(russian).to.deep.include({ previousHref: undefined, nextHref: undefined });
  });

  it('shows a decision in its language with the summary in the reader’s', () => {
    const view = presentEntry(en, 'en', publication);
    expect(view).to.deep.include({ summary: 'In short.', textLanguage: 'ru', textHeading: 'The decision (in Russian)' });
    expect(view.paragraphs).to.deep.equal(['Первый абзац.', 'Второй абзац [ФИО].']);
    expect(presentEntry(ru, 'ru', publication)).to.deep.include({ summary: null, textHeading: 'Решение' });
  });

  it('lets only someone other than the preparer approve a draft', () => {
    const state: EditorState = {
      source: {
        caseId: 1,
        reference: 'PDP-2026-000001',
        language: 'ru',
        organisationName: 'Shoro LLC',
        sector: 'banking',
        decisionId: 2,
        outcome: 'upheld',
        text: 'x',
        decidedOn: '2026-11-30',
        personNames: [],
        personDetails: [],
      },
      publication: { ...publication, status: 'draft', preparer_name: 'Айгүл', approver_name: null },
      text: 'Текст',
      detected: [{ kind: 'phone', start: 0, end: 3, text: '555' }],
      remaining: [],
    };
    expect(presentEditor(en, state, 1)).to.deep.include({ canApprove: false, waitingForSecond: true, statusLabel: 'Awaiting a second supervisor' });
    const other = presentEditor(en, state, 2);
    expect(other).to.deep.include({ canApprove: true, waitingForSecond: false });
    expect(other.detected).to.deep.equal([{ kindLabel: 'Phone number', text: '555' }]);
    expect(other.summaries.map((summary) => summary.optional)).to.deep.equal([false, true, false]);
  });

  it('names each reader of a case by name and role', () => {
    const at = new Date();
    const rows = presentReaders(en, [
      { actor_id: '3', views: 2, downloads: 1, first_at: at, last_at: at, person: { name: 'Aida', role: 'auditor' } },
      { actor_id: '9', views: 1, downloads: 0, first_at: at, last_at: at },
    ]);
    expect(rows.map((reader) => reader.person)).to.deep.equal(['Aida (Auditor)', 'Staff member no. 9']);
  });
});

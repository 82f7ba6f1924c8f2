import { STATUSES } from '../../src/features/cases/workflow.ts';
/** The back office's queue and case page view models, from plain rows (no database, no HTTP). */
import { expect } from 'chai';
import type { CaseFile } from '../../src/features/casework/case-file.ts';
import { presentCase, type CasePageInput } from '../../src/features/casework/presenters/case.ts';
import { presentDeadlines } from '../../src/features/casework/presenters/case-deadlines.ts';
import { presentDecisions, presentTimeline } from '../../src/features/casework/presenters/case-records.ts';
import { pageLinks, presentQueuePage, presentQueueRow, type QueueInput } from '../../src/features/casework/presenters/queue.ts';
import { presentTransitionForms } from '../../src/features/casework/presenters/transition-forms.ts';
import { presentGroupsPage } from '../../src/features/casework/presenters/queue-groups.ts';
import type { QueueRow } from '../../src/features/casework/queue.ts';
import { allowedTransitions, findTransition, type Transition } from '../../src/features/cases/workflow.ts';

/** A translator that shows which key (and values) it was asked for. */
const t = (key: string, values?: Record<string, unknown>) => (values ? `${key}${JSON.stringify(values)}` : key);

function queueRow(overrides: Partial<QueueRow> = {}): QueueRow {
  return {
    id: 7,
    reference: 'PDP-2026-000007',
    type: 'complaint',
    status: 'investigation',
    language: 'ru',
    organisation_name: 'Optima Bank',
    sector: 'banking',
    assignee_id: null,
    assignee_name: null,
    received_at: new Date('2026-11-02T04:00:00Z'),
    received_key: '2026-11-02 10:00:00+06',
    answer_due: '2026-12-01',
    registration_due: '2026-11-03',
    paused_at: null,
    reply_pending_at: null,
    ...overrides,
  };
}

function caseFile(overrides: Partial<CaseFile['case']> = {}, extra: Partial<CaseFile> = {}): CaseFile {
  return {
    case: {
      id: 1,
      reference: 'PDP-2026-000001',
      type: 'complaint',
      status: 'triage',
      language: 'ky',
      organisation_name: 'MegaCom',
      organisation_inn: null,
      organisation_id: null,
      sector: null,
      anonymous: false,
      answers: {},
      follow_up_of: null,
      received_at: new Date('2026-11-02T04:00:00Z'),
      received_date: '2026-11-02',
      registration_due: '2026-11-03',
      answer_due: '2026-11-30',
      progress_due: null,
      registered_at: null,
      paused_at: null,
      paused_date: null,
      paused_working_days: 0,
      decided_at: null,
      decision: null,
      decision_text: null,
      reason_code: null,
      referred_to: null,
      closed_at: null,
      legal_hold: false,
      anonymised_at: null,
      assignee_id: null,
      assignee_name: null,
      reply_pending_at: null,
      information_due: null,
      ...overrides,
    },
    access: { view: true, change: true, personalData: true },
    transitions: [],
    timeline: [],
    links: [],
    holidays: new Set(),
    ...extra,
  };
}

describe('queue presenter', () => {
  it('gives each row its words and dates in the page language, its deadline state and whether it is ticked', () => {
    const row = presentQueueRow(queueRow({ answer_due: '2026-11-28' }), { t, lang: 'en', today: '2026-11-27' }, ['7']);
    expect(row).to.include({
      id: '7',
      typeLabel: 'track.types.complaint',
      statusLabel: 'casework.statuses.investigation',
      receivedOn: '2 November 2026',
      selectLabel: 'casework.queue.selectCase{"reference":"PDP-2026-000007"}',
      organisation: 'Optima Bank',
      checked: true,
      dueState: 'soon',
    });
    expect(row.due).to.deep.equal({ state: 'soon', key: 'casework.due.soon', label: 'casework.due.soon' });
    expect(row.deadline).to.deep.equal({ due: '2026-11-28', dueOn: '28 November 2026', triage: false, none: false });
  });

  it('shows a report its triage target until triage ends, then no deadline; a paused case is never overdue', () => {
    expect(presentQueueRow(queueRow({ type: 'report', status: 'triage' }), { t, lang: 'en', today: '2026-11-27' }, []).deadline).to.deep.equal({
      due: '2026-12-01',
      dueOn: '1 December 2026',
      triage: true,
      none: false,
    });
    const triaged = presentQueueRow(
      queueRow({ type: 'report', status: 'investigation', answer_due: '2026-01-01' }),
      { t, lang: 'en', today: '2026-11-27' },
      [],
    );
    expect(triaged.deadline).to.deep.equal({ due: undefined, dueOn: undefined, triage: false, none: true });
    expect(triaged.due).to.equal(undefined);
    const paused = presentQueueRow(
      queueRow({ status: 'awaiting_information', answer_due: '2026-01-01', paused_at: new Date() }),
      { t, lang: 'en', today: '2026-11-27' },
      [],
    );
    expect(paused).to.include({ paused: true, dueState: undefined, due: undefined });
  });

  it('keeps the filters in the first and next page links, and leaves out the first on the first page', () => {
    expect(pageLinks({ status: 'open', q: 'bank', after: undefined }, true, 'abc')).to.deep.equal({
      firstHref: undefined,
      nextHref: '/staff/cases?status=open&q=bank&after=abc',
    });
    expect(pageLinks({ status: 'all' }, false, undefined)).to.deep.equal({ firstHref: '/staff/cases?status=all', nextHref: undefined });
  });

  it('counts every workflow state, and shows a refused bulk assignment again', () => {
    const input: QueueInput = {
      t,
      lang: 'en',
      searchesAnswers: false,
      canAssign: true,
      counts: { triage: 4 },
      caseworkers: [{ id: 3, name: 'Aida', role: 'supervisor' }],
      today: '2026-11-27',
    };
    const view = presentQueuePage(input, { rows: [queueRow()] }, { status: 'open', sort: 'deadline' }, { cases: '7', assignTo: '3' });
    expect(view.counts.find((count) => count.label === 'casework.statuses.triage')).to.deep.equal({
      href: '/staff/cases?status=triage',
      label: 'casework.statuses.triage',
      count: 4,
    });
    expect(view.counts).to.have.length(STATUSES.length);
    expect(view.bulk).to.deep.equal({ cases: ['7'], assignTo: '3' });
    expect(view.rows[0]?.checked).to.equal(true);
    expect(view.caseworkers).to.deep.equal([
      { value: '3', label: 'Aida (staff.roles.supervisor)' },
      { value: 'none', label: 'casework.filters.unassigned' },
    ]);
    expect(view.searchHint).to.equal('casework.filters.searchHintLimited');
  });
});

describe('the queue grouped by organisation', () => {
  const input = { t, lang: 'en' as const, searchesAnswers: true, canAssign: false, counts: {}, caseworkers: [], today: '2026-12-06' };
  const group = { registration_number: null, name_ky: null, name_ru: null, name_en: null, cases: 2, overdue: 1, groups: 120 };

  it('names an entry in the page language, an unregistered name as typed, and links each to its cases with the filters', () => {
    const rows = [
      { ...group, organisation_id: 5, registration_number: '2026-00005', name_ky: 'Банк ЖЧК', name_ru: 'ОсОО Банк', name_en: null, typed_name: 'bank' },
      { ...group, organisation_id: null, typed_name: '  Corner shop ' },
      { ...group, organisation_id: null, typed_name: '' },
    ];
    const view = presentGroupsPage(input, { rows, total: 120 }, { status: 'open', sector: 'banking', view: 'organisations', page: 2 }, 50);
    expect(view.rows).to.deep.equal([
      { name: 'ОсОО Банк', number: '2026-00005', cases: 2, overdue: 1, href: '/staff/cases?status=open&sector=banking&organisation=2026-00005' },
      { name: 'Corner shop', cases: 2, overdue: 1, href: '/staff/cases?status=open&sector=banking&q=Corner+shop' },
      { name: 'casework.groups.noName', cases: 2, overdue: 1 },
    ]);
    expect(view).to.include({
      page: 2,
      pageCount: 3,
      previousHref: '/staff/cases?status=open&sector=banking&view=organisations',
      nextHref: '/staff/cases?status=open&sector=banking&view=organisations&page=3',
      listHref: '/staff/cases?status=open&sector=banking',
      groupsView: true,
    });
    const last = presentGroupsPage(input, { rows: [], total: 0 }, { status: 'open' }, 50);
    expect(last).to.include({ page: 1, pageCount: 1, previousHref: undefined, nextHref: undefined });
  });
});

describe('case page presenter', () => {
  const input = (file: CaseFile, more: Partial<CasePageInput> = {}): CasePageInput => ({
    t,
    file,
    staff: { id: 5, canAssign: false, canTake: true },
    answers: [],
    today: '2026-11-10',
    triageDays: 10,
    uploads: { maxFiles: 5, maxFileBytes: 10 * 1024 * 1024 },
    ...more,
  });

  it('writes out the keys the page prints and hides no column names behind codes', () => {
    const view = presentCase(input(caseFile({ sector: 'telecoms', decision: 'upheld', reason_code: null, referred_to: 'police' })));
    expect(view).to.include({
      reference: 'PDP-2026-000001',
      typeKey: 'track.types.complaint',
      statusKey: 'casework.statuses.triage',
      canTake: true,
      maxMegabytes: 10,
    });
    expect(view.summary).to.include({
      sectorKey: 'intake.sectors.telecoms',
      languageKey: 'intake.languages.ky',
      decisionKey: 'casework.decisions.upheld',
      reasonKey: undefined,
      referredToKey: 'casework.bodies.police',
      assignee: 'casework.filters.unassigned',
    });
  });

  it('shows one form per allowed transition with the fields its requirements name, and a refused one with its errors', () => {
    const transitions = allowedTransitions('triage', 'case_officer');
    const error = { field: 'reasonText', key: 'staff.errors.reasonText', values: {} };
    const view = presentCase(
      input(caseFile({}, { transitions }), {
        refused: { errors: { list: [error], byField: { reasonText: error } }, values: { reasonText: '' }, transition: 'declare_inadmissible' },
      }),
    );
    expect(view.transitions.map((form) => [form.id, form.fields.map((field) => field.name)])).to.deep.equal([
      ['accept', []],
      ['declare_inadmissible', ['reasonCode', 'reasonText']],
      ['refer', ['referredTo', 'reasonText']],
    ]);
    const refused = view.transitions[1];
    expect(refused?.warning).to.equal(true);
    expect(refused?.fields[1]).to.include({ fieldId: 'declare_inadmissible-reasonText', textarea: true, error });
    expect(view.transitions[2]?.fields[1]?.error).to.equal(undefined);
    expect(view.errors?.list.map((item) => item.field)).to.deep.equal(['declare_inadmissible-reasonText']);
  });

  it('adds a file field to the transitions that take files', () => {
    const propose = findTransition('propose_decision') as Transition;
    const [form] = presentTransitionForms(t, [propose], undefined);
    expect(form?.files).to.deep.equal({ fieldId: 'propose_decision-files', error: undefined });
    expect(form?.fields.map((field) => [field.name, field.radios || field.textarea])).to.deep.equal([
      ['decision', true],
      ['decisionText', true],
      ['legalBasis', true],
    ]);
    expect(form?.fields[0]?.items?.[0]).to.deep.equal({ value: 'upheld', label: 'casework.decisions.upheld' });
  });

  it('explains deadlines: a paused answer, a report’s triage target, a breach’s hours', () => {
    const paused = presentDeadlines(caseFile({ status: 'awaiting_information', paused_working_days: 2 }).case, new Set(['2026-11-07']), '2026-11-10', 10);
    expect(paused.answer).to.include({ paused: true, pausedDays: 2, tag: undefined });
    expect(paused.triage).to.equal(undefined);
    const report = presentDeadlines(caseFile({ type: 'report', status: 'triage', answer_due: '2026-11-09' }).case, new Set(), '2026-11-10', 10);
    expect(report.answer).to.equal(undefined);
    expect(report.triage).to.deep.equal({ due: '2026-11-09', tag: { state: 'overdue', key: 'casework.due.overdue' }, open: true, days: 10 });
    expect(presentDeadlines(caseFile({ type: 'breach', answers: { hoursToNotify: 80 } }).case, new Set(), '2026-11-10', 10).breach).to.deep.equal({
      hours: 80,
    });
  });

  it('keeps a proposal apart while it is under review, and lists the others newest first', () => {
    const decision = (id: number, status: 'proposed' | 'returned' | 'approved') => ({
      id,
      case_id: 1,
      status,
      outcome: 'upheld',
      reasons: 'r',
      legal_basis: 'l',
      language: 'ky' as const,
      proposed_by: 5,
      proposer_name: 'Aida',
      proposed_at: new Date(),
      reviewed_by: null,
      reviewer_name: null,
      reviewed_at: null,
      review_note: null,
      decision_hash: null,
      pdf_sha256: null,
    });
    const file = caseFile({ status: 'decision_proposed' }, { decisions: [decision(1, 'returned'), decision(2, 'proposed')] });
    const view = presentDecisions(file, 5);
    expect(view.proposal).to.include({ mine: true, outcomeKey: 'casework.decisions.upheld' });
    expect(view.pastDecisions.map((past) => past.statusKey)).to.deep.equal(['casework.decision.status.returned']);
    const withdrawn = presentDecisions(caseFile({ status: 'withdrawn' }, { decisions: [decision(1, 'returned'), decision(2, 'proposed')] }), 5);
    expect(withdrawn.proposal).to.equal(undefined);
    expect(withdrawn.pastDecisions).to.have.length(2);
  });

  it('labels timeline entries by transition or status, with the actor and the review note', () => {
    const timeline = presentTimeline(
      caseFile(
        {},
        {
          timeline: [
            {
              id: 1,
              occurred_at: new Date(),
              kind: 'status_changed',
              from_status: 'triage',
              to_status: 'accepted',
              visible_to_citizen: true,
              actor_type: 'staff',
              actor_name: 'Aida',
              data: { transition: 'accept' },
            },
            {
              id: 2,
              occurred_at: new Date(),
              kind: 'status_changed',
              from_status: 'decision_proposed',
              to_status: 'investigation',
              visible_to_citizen: false,
              actor_type: 'staff',
              actor_name: null,
              data: { transition: 'return_decision', note: 'Cite the article.' },
            },
          ],
        },
      ),
    );
    expect(timeline[0]).to.include({ labelKey: 'casework.events.status.accepted', actor: 'Aida', internal: false, note: undefined });
    expect(timeline[1]).to.include({
      labelKey: 'casework.events.transitions.return_decision',
      actor: undefined,
      actorKey: 'casework.actors.staff',
      internal: true,
      note: 'Cite the article.',
    });
  });
});

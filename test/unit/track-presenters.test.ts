import { expect } from 'chai';
import type { AttachmentRow } from '../../src/features/attachments/service.ts';
import type { CaseSpace } from '../../src/features/cases/citizen.ts';
import type { CaseRow } from '../../src/features/cases/service.ts';
import type { AnswerSection } from '../../src/features/intake/answers.ts';
import { archiveCopyExtras, archiveSummary } from '../../src/features/track/presenters/archive.ts';
import { presentCase } from '../../src/features/track/presenters/case.ts';
import { presentUploadField } from '../../src/features/track/presenters/upload-field.ts';

const RECEIVED = new Date('2026-11-20T05:00:00Z');

function caseRow(overrides: Partial<CaseRow> = {}): CaseRow {
  return {
    id: 7,
    reference: 'UK-2026-000007',
    type: 'complaint',
    status: 'investigation',
    language: 'ru',
    submission_token: 'token',
    organisation_name: 'Bank Ltd',
    organisation_inn: '01234567890123',
    sector: 'finance',
    anonymous: false,
    answers: { what: 'It happened' },
    access_code_hash: 'hash',
    access_code_version: 1,
    follow_up_of: null,
    received_at: RECEIVED,
    registration_due: '2026-11-23',
    answer_due: '2026-12-10',
    information_due: null,
    closed_at: null,
    created_at: RECEIVED,
    updated_at: RECEIVED,
    ...overrides,
  };
}

function file(overrides: Partial<AttachmentRow> = {}): AttachmentRow {
  return {
    id: 'f1',
    case_id: 7,
    draft_token: null,
    message_id: null,
    uploaded_by: 'citizen',
    purpose: 'evidence',
    file_name: 'photo.jpg',
    content_type: 'image/jpeg',
    size_bytes: 2048,
    sha256: 'abc',
    storage_key: 'pg:f1',
    scan_status: 'clean',
    original_file_name: null,
    original_content_type: null,
    original_size_bytes: null,
    original_sha256: null,
    original_storage_key: null,
    metadata_removed: true,
    created_at: RECEIVED,
    ...overrides,
  };
}

function space(overrides: Partial<CaseSpace> = {}, row: Partial<CaseRow> = {}): CaseSpace {
  return { case: caseRow(row), timeline: [], messages: [], files: [], open: true, ...overrides };
}

describe('the case page presenter', () => {
  it('gives the view finished translation keys and no column names', () => {
    const view = presentCase(space());
    expect(view).to.include({
      reference: 'UK-2026-000007',
      typeKey: 'track.types.complaint',
      statusKey: 'track.statuses.investigation',
      statusHelpKey: 'track.statusHelp.investigation',
      organisationName: 'Bank Ltd',
    });
    expect(view.receivedAt).to.equal(RECEIVED);
    expect(JSON.stringify(view)).not.to.match(/organisation_name|file_name|size_bytes|occurred_at/);
  });

  it('promises an answer date on open complaints, pauses it while waiting for the citizen, and never on reports', () => {
    expect(presentCase(space()).deadline).to.deep.equal({ paused: false, date: '2026-12-10' });
    const waiting = presentCase(space({}, { status: 'awaiting_information', information_due: '2026-12-01' }));
    expect(waiting.deadline).to.deep.equal({ paused: true });
    expect(waiting).to.include({ awaitingInformation: true, answerBy: '2026-12-01' });
    expect(presentCase(space({}, { type: 'report' })).deadline).to.equal(undefined);
    expect(presentCase(space({ open: false }, { status: 'closed' })).deadline).to.equal(undefined);
    expect(presentCase(space()).answerBy).to.equal(undefined);
  });

  it('says a closed case with a decision was closed by it, and presents the decision with its files', () => {
    const pdf = file({ id: 'pdf', file_name: 'decision.pdf', size_bytes: 9000 });
    const annex = file({ id: 'annex', file_name: 'annex.pdf', size_bytes: 100 });
    const decision = { outcome: 'upheld', issuedAt: RECEIVED, reasons: 'Because', legalBasis: 'Art. 1', hash: 'h', pdf, files: [annex] };
    const view = presentCase(space({ decision, open: false }, { status: 'closed' }));
    expect(view.statusHelpKey).to.equal('track.statusHelp.closedDecided');
    expect(view.decision).to.deep.equal({
      outcomeKey: 'track.decision.outcomes.upheld',
      issuedAt: RECEIVED,
      reasons: 'Because',
      legalBasis: 'Art. 1',
      hash: 'h',
      files: [{ id: 'annex', name: 'annex.pdf', sizeBytes: 100 }],
      pdf: { sizeBytes: 9000 },
    });
    expect(presentCase(space({}, { status: 'closed' })).statusHelpKey).to.equal('track.statusHelp.closed');
  });

  it('words a request to remove a register entry as such: its type, and the states whose meaning differs', () => {
    const answers = { deregisters: { organisationId: 3, registrationNumber: '2026-00003', inn: '01234567890123' }, deregistration: {} };
    const removed = presentCase(space({ open: false }, { type: 'registration', status: 'registered', answers }));
    expect(removed).to.include({
      typeKey: 'track.types.deregistration',
      statusKey: 'track.deregistration.statuses.registered',
      statusHelpKey: 'track.deregistration.statusHelp.registered',
    });
    // Returned for changes reads the same as for an application.
    expect(presentCase(space({}, { type: 'registration', status: 'returned', answers })).statusKey).to.equal('track.statuses.returned');
    expect(presentCase(space({}, { type: 'registration', status: 'registered', answers: {} })).typeKey).to.equal('track.types.registration');
  });

  it('lists each message with its own files, and the timeline with its labels', () => {
    const messages = [
      { id: 1, case_id: 7, direction: 'to_citizen' as const, author_staff_id: 's', body: 'Send the contract', created_at: RECEIVED, read_at: null },
      { id: 2, case_id: 7, direction: 'from_citizen' as const, author_staff_id: null, body: 'Here it is', created_at: RECEIVED, read_at: null },
    ];
    const timeline = [
      {
        id: 1,
        case_id: 7,
        occurred_at: RECEIVED,
        kind: 'submitted',
        from_status: null,
        to_status: 'submitted',
        visible_to_citizen: true,
        actor_type: 'citizen',
        actor_id: null,
        data: {},
        label: 'track.events.submitted',
      },
    ];
    const view = presentCase(space({ messages, timeline, files: [file({ id: 'a', message_id: 2, file_name: 'contract.pdf' }), file({ id: 'b' })] }));
    expect(view.messages.map((message) => [message.fromAgency, message.modifier, message.files.map((attached) => attached.name)])).to.deep.equal([
      [true, 'to_citizen', []],
      [false, 'from_citizen', ['contract.pdf']],
    ]);
    expect(view.timeline).to.deep.equal([{ at: RECEIVED, labelKey: 'track.events.submitted' }]);
    expect(view.files.map((listed) => listed.name)).to.deep.equal(['contract.pdf', 'photo.jpg']);
  });
});

describe('the message form’s file field', () => {
  it('offers the hidden-information choice except on anonymous reports, with the limit in megabytes', () => {
    expect(presentUploadField({ maxFileBytes: 10 * 1024 * 1024 }, { stripMetadata: false, anonymous: false })).to.include({
      stripMetadata: false,
      stripChoice: true,
      maxBytes: 10 * 1024 * 1024,
      maxMegabytes: 10,
    });
    expect(presentUploadField({ maxFileBytes: 5 * 1024 * 1024 }, { stripMetadata: true, anonymous: true })).to.include({ stripChoice: false, maxMegabytes: 5 });
  });
});

describe('what the archive’s PDF copy lists', () => {
  it('lists every file with a converted photo’s original, the timeline and the messages, and no storage key', () => {
    const converted = file({
      file_name: 'photo.jpg',
      size_bytes: 2048,
      original_file_name: 'photo.heic',
      original_content_type: 'image/heic',
      original_size_bytes: 4096,
      original_sha256: 'def',
      original_storage_key: 'pg:o',
    });
    const extras = archiveCopyExtras(space({ files: [converted] }));
    expect(extras.files).to.deep.equal([
      { name: 'photo.jpg', sizeBytes: 2048 },
      { name: 'photo.heic', sizeBytes: 4096 },
    ]);
    expect(JSON.stringify(extras)).not.to.include('pg:');
  });
});

describe('the archive’s answers.txt', () => {
  it('heads the answers with the kind of case and its reference, in the page language', () => {
    const t = (key: string) => ({ 'track.types.report': 'Report', 'track.archive.answersTitle': 'Your answers' })[key] ?? key;
    const sections: AnswerSection[] = [
      { step: 'about', title: 'About', rows: [{ name: 'what', label: 'What happened', value: 'A leak\nof data', isList: false }] },
    ];
    const text = archiveSummary(t, { type: 'report', reference: 'UK-2026-000007' }, sections);
    expect(text).to.equal('Report UK-2026-000007\nYour answers\n\nAbout\n=====\nWhat happened\n  A leak\n  of data\n');
  });
});

/** The intake pages' presenters: finished links, keys and texts for the views, without a database. */
import { expect } from 'chai';
import { breachJourney } from '../../src/features/intake/breach.ts';
import { complaintJourney } from '../../src/features/intake/complaint.ts';
import type { DraftFile } from '../../src/features/intake/draft-files.ts';
import { reportJourney } from '../../src/features/intake/report.ts';
import { presentCheckPage } from '../../src/features/intake/presenters/check.ts';
import { presentReceiptPage, receiptText } from '../../src/features/intake/presenters/receipt.ts';
import { presentResumePage, presentSavedPage, presentSavePage } from '../../src/features/intake/presenters/save.ts';
import { presentStartPage } from '../../src/features/intake/presenters/start.ts';
import { presentStepPage, type StepPageInput } from '../../src/features/intake/presenters/step.ts';
import { createTranslator } from '../../src/i18n/i18n.ts';

const t = createTranslator({ strict: true }).forLanguage('en');

const aboutYou = { fullName: 'Aida Tolonova', email: 'aida@example.kg', postalAddress: '', phone: '', preferredLanguage: 'en' };

function file(overrides: Partial<DraftFile> = {}): DraftFile {
  return { id: 'f1', name: 'letter.pdf', sizeBytes: 1200, createdAt: new Date(), isDocument: false, metadataRemoved: false, purpose: 'evidence', ...overrides };
}

function stepInput(overrides: Partial<StepPageInput> = {}): StepPageInput {
  const step = complaintJourney.steps[0]!;
  return {
    t,
    lang: 'en',
    journey: complaintJourney,
    step,
    answers: {},
    values: {},
    files: [],
    uploads: { maxFileBytes: 10 * 1024 * 1024, maxFiles: 5 },
    stripMetadata: true,
    change: false,
    keptUntil: '14:35',
    today: '2026-12-05',
    ...overrides,
  };
}

describe('intake presenters', () => {
  describe('a step page', () => {
    it('links the first step back to the start page and counts the steps that apply', () => {
      const page = presentStepPage(stepInput());
      expect(page.backHref).to.equal('/en/complaints/new');
      expect(page.action).to.equal('/en/complaints/new/about-you');
      expect(page.saveAction).to.equal('/en/complaints/new/save-step?step=about-you');
      expect(page.stepNumber).to.equal(1);
      expect(page.stepCount).to.be.greaterThan(3);
      expect(page.title).to.equal(t('intake.complaint.steps.about-you'));
    });

    it('keeps "change" in the form action and lists only the step’s own files', () => {
      const evidence = reportJourney.steps.find((step) => step.kind === 'evidence')!;
      const page = presentStepPage(
        stepInput({ journey: reportJourney, step: evidence, change: true, files: [file(), file({ id: 'f2', purpose: 'organisationAnswer' })] }),
      );
      expect(page.action).to.equal('/en/reports/new/evidence?change=1');
      expect(page.isEvidence).to.equal(true);
      expect(page.multipart).to.equal(true);
      expect(page.files.map((shown) => shown.id)).to.deep.equal(['f1']);
      // Reports may be anonymous: their photos always lose hidden information, so there is no choice.
      expect(page.upload.stripChoice).to.equal(false);
      expect(page.maxMegabytes).to.equal(10);
    });

    it('gives each question its partial, label and the value shown', () => {
      const page = presentStepPage(stepInput({ values: aboutYou }));
      expect(page.fields.fullName).to.include({ partial: 'fields/text', label: t('intake.fields.fullName'), value: 'Aida Tolonova' });
    });
  });

  it('gives "check your answers" change links, file names and the sending text for the journey', () => {
    const page = presentCheckPage({ t, lang: 'ru', journey: breachJourney, answers: {}, files: [file()], keptUntil: '14:35' });
    expect(page.sendKey).to.equal('intake.check.send.breach');
    expect(page.fileNames).to.deep.equal(['letter.pdf']);
    expect(page.filesChangeHref).to.equal('/ru/breaches/new/evidence?change=1');
    expect(page.action).to.equal('/ru/breaches/new/check');
    expect(page.saveHref).to.equal('/ru/breaches/new/save');
    const answered = presentCheckPage({ t, lang: 'en', journey: complaintJourney, answers: { 'about-you': aboutYou }, files: [], keptUntil: '14:35' });
    expect(answered.sections[0]).to.include({ step: 'about-you', changeHref: '/en/complaints/new/about-you?change=1' });
  });

  it('offers to continue a draft in progress on the start page, and only then', () => {
    const fresh = presentStartPage({ t, lang: 'ky', journey: complaintJourney });
    expect(fresh.resumeHref).to.equal(undefined);
    expect(fresh.startHref).to.equal('/ky/complaints/new/about-you');
    expect(fresh.startAgainAction).to.equal('/ky/complaints/new/start-again');
    expect(fresh.resumeSavedHref).to.equal('/ky/drafts/resume');
    const going = presentStartPage({ t, lang: 'ky', journey: complaintJourney, answers: { 'about-you': aboutYou } });
    expect(going.resumeHref).to.equal('/ky/complaints/new/organisation');
  });

  describe('the receipt', () => {
    it('gives the journey’s heading and next-steps keys and the forms’ addresses', () => {
      const page = presentReceiptPage(t, 'en', reportJourney, { reference: 'PDP-2026-000001', code: null });
      expect(page).to.include({
        headingKey: 'intake.receipt.heading.report',
        nextKey: 'intake.receipt.next.report',
        trackHref: '/en/track',
        lostHref: '/en/track/lost',
      });
      expect(page).to.include({ emailAction: '/en/reports/submitted/email', downloadAction: '/en/reports/submitted/download' });
    });

    it('writes the file with the code only when there is one', () => {
      const site = { publicUrl: 'https://ukuk.example', authority: { name: { ky: 'K', ru: 'R', en: 'The Agency' } } } as Parameters<typeof receiptText>[3];
      const withCode = receiptText(t, 'en', complaintJourney, site, {
        reference: 'PDP-2026-000001',
        receivedAt: new Date('2026-12-05T08:00:00Z'),
        code: 'ABCD-EFGH',
      });
      expect(withCode.split('\r\n')[0]).to.equal('The Agency');
      expect(withCode).to.include('PDP-2026-000001').and.include('ABCD-EFGH').and.include('https://ukuk.example/en/track');
      const without = receiptText(t, 'en', complaintJourney, site, { reference: 'PDP-2026-000001', receivedAt: new Date(), code: null });
      expect(without).not.to.include('ABCD-EFGH');
      expect(without).to.include(t('receipt.file.noCode'));
    });
  });

  it('sends the save pages back to where the citizen was', () => {
    const answers = { 'about-you': aboutYou };
    const save = presentSavePage({ t, lang: 'en', journey: complaintJourney, answers, fileCount: 2, values: {}, stale: true, days: 21 });
    expect(save).to.include({ action: '/en/complaints/new/save', backHref: '/en/complaints/new/organisation', fileCount: 2, days: 21 });
    expect(save.stale).to.deep.equal({ lost: false });
    const saved = presentSavedPage({
      t,
      lang: 'en',
      journey: complaintJourney,
      answers,
      code: '1234 5678',
      expiresAt: new Date('2027-01-04T10:00:00Z'),
      email: '',
    });
    expect(saved).to.include({ until: '2027-01-04', resumeHref: '/en/drafts/resume', continueHref: '/en/complaints/new/organisation' });
    expect(presentResumePage({ t, lang: 'ru', days: 30 }).breadcrumbs[0]).to.deep.equal({ text: t('common.home'), href: '/ru/' });
  });
});

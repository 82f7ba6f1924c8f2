/** A letter template's paragraphs and a campaign's calls to action and Q&A, as the edit form reads and writes them. */
import { expect } from 'chai';
import { campaignFormValues, parseCampaignForm } from '../../src/features/content/campaign-form.ts';
import { fillParagraph, letterFormValues, parseLetterForm } from '../../src/features/content/letter-template.ts';
import { seedLetterTemplate } from '../support/letter-template.ts';

describe('a letter template on the edit form', () => {
  const template = seedLetterTemplate('en');

  it('reads back what it shows, field by field', () => {
    const values = letterFormValues(template);
    expect(values['letter-subject-stop-processing']).to.equal(template.paragraphs.subject['stop-processing']);
    const parsed = parseLetterForm(values);
    expect(parsed).to.deep.equal({ ok: true, extra: { paragraphs: template.paragraphs } });
  });

  it('refuses a paragraph that loses its placeholder, gains another, or is empty, naming each field', () => {
    const values = letterFormValues(template);
    const parsed = parseLetterForm({
      ...values,
      'letter-deadline': 'Answer within a week.',
      'letter-to': 'To: {{organisation}} {{name}}',
      'letter-closing': 'Thanks, {{name}}',
      'letter-request-access': ' ',
    });
    expect(parsed).to.deep.equal({ ok: false, fields: ['letter-to', 'letter-deadline', 'letter-closing', 'letter-request-access'] });
  });

  it('fills the placeholders with the letter’s values', () => {
    expect(fillParagraph('By {{date}}, {{ name }}.', { date: '13 December 2026', name: 'Aida' })).to.equal('By 13 December 2026, Aida.');
  });
});

describe('a campaign’s calls to action and questions on the edit form', () => {
  const extra = {
    periodStart: '2026-09-01',
    periodEnd: '2026-12-31',
    audience: 'Everyone',
    message: 'Your data is yours.',
    posterTitle: 'Poster',
    posterPoints: ['One', 'Two'],
    posterCallToAction: 'Read more.',
    socialPosts: ['A', 'B'],
    smsTexts: [],
    messengerTexts: [],
    keyMessages: [],
    actions: [{ label: 'Ask | politely', href: '/en/letters/new?type=access' }],
    questionsAndAnswers: [{ question: 'Who?', answer: 'The Agency.' }],
  };

  it('writes a call to action as "label | path" and Q&A as blocks, and reads them back', () => {
    const values = campaignFormValues(extra);
    expect(values.actions).to.equal('Ask | politely | /en/letters/new?type=access');
    expect(values.questionsAndAnswers).to.equal('Who?\nThe Agency.');
    expect(parseCampaignForm({ ...values, questionsAndAnswers: 'Who?\r\nThe Agency.\r\n\r\n\r\nWhy?\nBecause\nit matters.' })).to.deep.equal({
      ok: true,
      extra: { ...extra, questionsAndAnswers: [...extra.questionsAndAnswers, { question: 'Why?', answer: 'Because it matters.' }] },
    });
  });

  it('refuses a link off the portal, no call to action, or a question without an answer', () => {
    const values = campaignFormValues(extra);
    expect(parseCampaignForm({ ...values, actions: 'Elsewhere | https://example.com' })).to.deep.equal({ ok: false, fields: ['actions'] });
    expect(parseCampaignForm({ ...values, actions: '' })).to.deep.equal({ ok: false, fields: ['actions'] });
    expect(parseCampaignForm({ ...values, questionsAndAnswers: 'A question alone' })).to.deep.equal({ ok: false, fields: ['questionsAndAnswers'] });
  });
});

/** The "What can I do?" step presenter: the published words, and links built from named paths. */
import { expect } from 'chai';
import { presentHelpStep, type StepTexts } from '../../src/features/help/presenters/step.ts';
import { findNode, START } from '../../src/features/help/tree.ts';
import { createTranslator } from '../../src/i18n/i18n.ts';

const translator = createTranslator({ strict: true });
const t = translator.forLanguage('en');

function texts(lang: StepTexts['lang'], extra: Partial<StepTexts> = {}): StepTexts {
  return { lang, title: 'Title', summary: 'Hint', bodyHtml: '', answers: {}, nextSteps: {}, ...extra };
}

describe('"What can I do?" step presenter', () => {
  it('the start: its question and hint, answers linking to the next steps with their labels, no link back to itself', () => {
    const view = presentHelpStep(
      findNode(START)!,
      texts('ru', { title: 'Какова ваша ситуация?', answers: { 'my-data': 'Мои данные' } }),
      'ru',
      translator.forLanguage('ru'),
    );
    expect(view.atStart).to.equal(true);
    expect(view.otherLang).to.equal(undefined);
    expect(view.outcome).to.equal(undefined);
    expect(view.question).to.deep.include({ title: 'Какова ваша ситуация?', hint: 'Hint' });
    expect(view.question!.options[0]).to.deep.equal({ href: '/ru/help/asked-before', text: 'Мои данные' });
    expect(view.breadcrumbs.map((crumb) => crumb.href)).to.deep.equal(['/ru/', undefined]);
  });

  it('an answer that leads back to the start links to /help itself', () => {
    const view = presentHelpStep(findNode('other-matter')!, texts('en', { answers: { 'data-after-all': 'It is about my data' } }), 'en', t);
    expect(view.question!.options.find((option) => option.text === 'It is about my data')!.href).to.equal('/en/help');
    expect(view.breadcrumbs.map((crumb) => crumb.href)).to.deep.equal(['/en/', '/en/help']);
  });

  it('an outcome: its title, text and more, next steps in the page language with their query', () => {
    const nextSteps = { 'stop-letter': 'Stop letter', report: 'Report', 'read-marketing': 'Read' };
    const view = presentHelpStep(
      findNode('marketing')!,
      texts('ky', { summary: 'Text', bodyHtml: '<p>More</p>', nextSteps }),
      'ky',
      translator.forLanguage('ky'),
    );
    expect(view.question).to.equal(undefined);
    expect(view.outcome).to.deep.equal({
      title: 'Title',
      text: 'Text',
      moreHtml: '<p>More</p>',
      actions: [
        { href: '/ky/letters/new?type=stop-processing', text: 'Stop letter' },
        { href: '/ky/reports/new', text: 'Report' },
        { href: '/ky/guides/marketing-calls-and-sms', text: 'Read' },
      ],
    });
  });

  it('words shown in another language than the page are marked with theirs', () => {
    expect(presentHelpStep(findNode('court')!, texts('ru'), 'ky', translator.forLanguage('ky')).otherLang).to.equal('ru');
  });
});

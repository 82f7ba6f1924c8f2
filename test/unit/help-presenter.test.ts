/** The "What can I do?" step presenter: finished keys, and links built from named paths. */
import { expect } from 'chai';
import { LANGUAGES } from '../../src/config.ts';
import { presentHelpStep } from '../../src/features/help/presenters/step.ts';
import { findNode, OUTCOMES, QUESTIONS, START } from '../../src/features/help/tree.ts';
import { createTranslator } from '../../src/i18n/i18n.ts';

const translator = createTranslator({ strict: true });
const t = translator.forLanguage('en');

describe('"What can I do?" step presenter', () => {
  it('the start: its question and hint keys, answers linking to the next steps, no link back to itself', () => {
    const view = presentHelpStep(findNode(START)!, 'ru', translator.forLanguage('ru'));
    expect(view.atStart).to.equal(true);
    expect(view.outcome).to.equal(undefined);
    expect(view.question).to.deep.include({ titleKey: 'help.questions.start.title', hintKey: 'help.questions.start.hint' });
    expect(view.question!.options[0]).to.deep.equal({ href: '/ru/help/asked-before', textKey: 'help.questions.start.options.my-data' });
    expect(view.breadcrumbs.map((crumb) => crumb.href)).to.deep.equal(['/ru/', undefined]);
  });

  it('an answer that leads back to the start links to /help itself', () => {
    const view = presentHelpStep(findNode('other-matter')!, 'en', t);
    expect(view.question!.options.find((option) => option.textKey.endsWith('.data-after-all'))!.href).to.equal('/en/help');
    expect(view.breadcrumbs.map((crumb) => crumb.href)).to.deep.equal(['/en/', '/en/help']);
  });

  it('an outcome: its title and text keys, next steps in the page language, with their query', () => {
    const view = presentHelpStep(findNode('marketing')!, 'ky', translator.forLanguage('ky'));
    expect(view.question).to.equal(undefined);
    expect(view.outcome).to.deep.equal({
      titleKey: 'help.outcomes.marketing.title',
      textKey: 'help.outcomes.marketing.text',
      actions: [
        { href: '/ky/letters/new?type=stop-processing', textKey: 'help.actions.stop-letter' },
        { href: '/ky/reports/new', textKey: 'help.actions.report' },
        { href: '/ky/guides/marketing-calls-and-sms', textKey: 'help.actions.read-marketing' },
      ],
    });
  });

  it('every step presents in every language, with every key translated', () => {
    for (const lang of LANGUAGES) {
      for (const id of [...Object.keys(QUESTIONS), ...Object.keys(OUTCOMES)]) {
        const view = presentHelpStep(findNode(id)!, lang, translator.forLanguage(lang));
        const keys = [
          view.question?.titleKey,
          view.question?.hintKey,
          view.outcome?.titleKey,
          view.outcome?.textKey,
          ...(view.question?.options ?? []),
          ...(view.outcome?.actions ?? []),
        ]
          .map((entry) => (typeof entry === 'object' ? entry.textKey : entry))
          .filter((key): key is string => key !== undefined);
        expect(
          keys.filter((key) => !translator.exists(lang, key)),
          `${lang} ${id}`,
        ).to.deep.equal([]);
      }
    }
  });
});

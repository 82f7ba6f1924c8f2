import { expect } from 'chai';
import { LANGUAGES } from '../../src/config.ts';
import { OUTCOMES, QUESTIONS, START } from '../../src/features/help/tree.ts';
import { createTranslator } from '../../src/i18n/i18n.ts';

describe('"What can I do?" tree', () => {
  it('every answer leads to a question or an outcome that exists', () => {
    for (const [id, question] of Object.entries(QUESTIONS)) {
      for (const option of question.options) expect(QUESTIONS[option.next] ?? OUTCOMES[option.next], `${id} → ${option.next}`).to.exist;
    }
  });

  it('every outcome can be reached from the start, and there are at least 8', () => {
    const reached = new Set<string>();
    const queue = [START];
    while (queue.length > 0) {
      const id = queue.shift()!;
      if (reached.has(id)) continue;
      reached.add(id);
      for (const option of QUESTIONS[id]?.options ?? []) queue.push(option.next);
    }
    const outcomes = Object.keys(OUTCOMES);
    expect(outcomes.length).to.be.at.least(8);
    expect(outcomes.filter((id) => !reached.has(id))).to.deep.equal([]);
  });

  it('every question, answer, outcome and action has its text in ky, ru and en', () => {
    const translator = createTranslator({ strict: true });
    const keys = [
      ...Object.entries(QUESTIONS).flatMap(([id, question]) => [
        `help.questions.${id}.title`,
        `help.questions.${id}.hint`,
        ...question.options.map((option) => `help.questions.${id}.options.${option.id}`),
      ]),
      ...Object.entries(OUTCOMES).flatMap(([id, outcome]) => [
        `help.outcomes.${id}.title`,
        `help.outcomes.${id}.text`,
        ...outcome.actions.map((action) => `help.actions.${action.id}`),
      ]),
    ];
    for (const lang of LANGUAGES)
      expect(
        keys.filter((key) => !translator.exists(lang, key)),
        lang,
      ).to.deep.equal([]);
  });
});

import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { LANGUAGES } from '../../src/config.ts';
import type { HelpExtra } from '../../src/features/content/help-form.ts';
import { parseContentFile } from '../../src/features/content/source.ts';
import { findNode, OUTCOMES, QUESTIONS, START } from '../../src/features/help/tree.ts';

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

  it('every step has its words in ky, ru and en in the seed, an answer or next step label for each link, and no other', async () => {
    const dir = path.join(import.meta.dirname, '../../seeds/content/help');
    const steps = [...Object.keys(QUESTIONS), ...Object.keys(OUTCOMES)];
    const files = (await readdir(dir)).toSorted();
    expect(files).to.deep.equal(steps.flatMap((id) => LANGUAGES.map((lang) => `${id}.${lang}.md`)).toSorted());
    for (const file of files) {
      // parseContentFile refuses a step with a missing label; a label for a link the step lacks is refused here.
      const source = parseContentFile('help', file, await readFile(path.join(dir, file), 'utf8'));
      const extra = source.extra as HelpExtra;
      const node = findNode(source.slug)!;
      const ids = node.kind === 'question' ? node.node.options.map((option) => option.id) : node.node.actions.map((action) => action.id);
      expect(Object.keys(node.kind === 'question' ? (extra.answers ?? {}) : (extra.nextSteps ?? {})), file).to.have.members(ids);
      expect(source.title, file).to.not.equal('');
      expect(source.summary, file).to.not.equal('');
    }
  });
});

import { expect } from 'chai';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The layering and size rules of eslint.config.js (CONTRIBUTING.md), run on small probe files: each rule must
 * refuse what it is there to refuse, wherever the file sits in a feature (pages may live in sub-folders).
 */
// The project's own config, loaded by URL (a JavaScript module without type declarations).
const configUrl = pathToFileURL(path.resolve(import.meta.dirname, '..', '..', 'eslint.config.js')).href;
const { default: config } = (await import(configUrl)) as { default: Linter.Config[] };
const LAYER_RULES = new Set([
  'no-restricted-imports',
  '@typescript-eslint/no-restricted-imports',
  'no-restricted-syntax',
  'max-lines',
  'max-lines-per-function',
]);
const layering = config
  .filter((block) => Object.keys(block.rules ?? {}).some((rule) => LAYER_RULES.has(rule)))
  .map((block) => ({ ...block, rules: Object.fromEntries(Object.entries(block.rules ?? {}).filter(([rule]) => LAYER_RULES.has(rule))) }));
const eslint = new ESLint({
  overrideConfigFile: true,
  overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser }, plugins: { '@typescript-eslint': tseslint.plugin } }, ...layering],
});

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => message.message);
}

describe('the layering rules', () => {
  it('let pages call services and their own presenters', async () => {
    const code =
      "import { findCase } from '../service.ts';\nimport { presentCase } from '../presenters/case.ts';\nexport const uses = [findCase, presentCase];\n";
    expect(await problems('src/features/track/pages/case.ts', code)).to.deep.equal([]);
    expect(await problems('src/features/staff/pages/users/show.ts', code.replaceAll("'../", "'../../"))).to.deep.equal([]);
  });

  it("refuse a page or presenter that reads a repository, its own or another feature's, at any depth", async () => {
    for (const [file, from] of [
      ['src/features/track/pages/case.ts', '../repository.ts'],
      ['src/features/track/presenters/case.ts', '../../cases/repository.ts'],
      ['src/features/staff/pages/users/show.ts', '../../repository.ts'],
      ['src/features/staff/pages/users/show.ts', '../../../cases/repository.ts'],
      ['src/features/casework/pages/show.ts', '../queue-repository.ts'],
    ]) {
      expect(await problems(file!, `import { x } from '${from!}';\nexport const y = x;\n`), `${file!} ← ${from!}`).to.have.length(1);
    }
  });

  it("refuse a feature's service that reaches into another feature's repository or pages", async () => {
    expect(await problems('src/features/casework/messages.ts', "import { x } from '../cases/repository.ts';\nexport const y = x;\n")).to.have.length(1);
    expect(await problems('src/features/casework/messages.ts', "import { x } from '../track/pages/case.ts';\nexport const y = x;\n")).to.have.length(1);
    expect(await problems('src/features/casework/messages.ts', "import { x } from '../cases/service.ts';\nexport const y = x;\n")).to.deep.equal([]);
  });

  it('refuse queries outside repositories, and web plumbing or shared helpers that know a feature', async () => {
    expect(await problems('src/features/quiz/service.ts', "export const q = (knex: any) => knex('quiz').select('*');\n")).to.have.length(1);
    expect(await problems('src/features/quiz/repository.ts', "export const q = (knex: any) => knex('quiz').select('*');\n")).to.deep.equal([]);
    expect(await problems('src/http/views.ts', "import { can } from '../features/staff/permissions.ts';\nexport const y = can;\n")).to.have.length(1);
    expect(await problems('src/lib/dates.ts', "import { x } from '../http/paths.ts';\nexport const y = x;\n")).to.have.length(1);
  });

  it('refuse a function over 60 lines and a file over 250 without a reason at its top', async () => {
    const longFunction = `export function long(): number {\n${'  void 0;\n'.repeat(60)}  return 1;\n}\n`;
    expect(await problems('src/features/quiz/service.ts', longFunction)).to.have.length(1);
    const longFile = 'export const n = 1;\n'.repeat(251);
    expect(await problems('src/features/quiz/service.ts', longFile)).to.have.length(1);
    expect(await problems('src/features/quiz/service.ts', `/* eslint-disable max-lines -- a reason */\n${longFile}`)).to.deep.equal([]);
  });
});

/** The request letter's template as the seed files hold it, for tests that build letters without a database. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { LetterParagraphs } from '../../src/features/content/letter-template.ts';
import { parseContentFile } from '../../src/features/content/source.ts';

export function seedLetterTemplate(lang: 'ky' | 'ru' | 'en'): { lang: 'ky' | 'ru' | 'en'; paragraphs: LetterParagraphs } {
  const file = `request.${lang}.md`;
  const source = parseContentFile('letters', file, readFileSync(path.join(import.meta.dirname, '../../seeds/content/letters', file), 'utf8'));
  if (!('paragraphs' in source.extra)) throw new Error(`${file} has no paragraphs`);
  return { lang, paragraphs: source.extra.paragraphs };
}

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { LANGUAGES } from '../../src/config.ts';
import { createTranslator } from '../../src/i18n/i18n.ts';
import { actionKey, AUDIT_ACTIONS, DETAIL_LABELS } from '../../src/features/audit-viewer/wording.ts';

const SRC = path.resolve(import.meta.dirname, '..', '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/**
 * The actions src/ records: `action: '…'` (and both sides of a conditional), the content feature's
 * `audit(trx, actor, '…')` and its EVENTS table, the security refusals' table, and the register's `register.<change>`.
 */
function recordedActions(): Set<string> {
  const found = new Set<string>();
  const dotted = /'([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+)'/g;
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const line of text.split('\n')) {
      const isRecord = /\baction: [^,]*'/.test(line) || /\baudit\(trx, [^,]+, '/.test(line) || /^\s+(submit|approve|return|archive|E[A-Z]+): '/.test(line);
      if (!isRecord || line.includes('pathTo(')) continue;
      for (const match of line.matchAll(dotted)) if (match[1]) found.add(match[1]);
    }
    for (const match of text.matchAll(/remember\(trx, [^,]+, '([a-z_]+)'/g)) if (match[1]) found.add(`register.${match[1]}`);
  }
  return found;
}

describe('the audit trail in words', () => {
  it('has every action recorded in src/ in its catalogue', () => {
    const translator = createTranslator({ strict: true });
    // A translation key on such a line (a form's button, a label) is no action.
    const recorded = [...recordedActions()].filter((action) => !translator.exists('en', action));
    expect(recorded.length).to.be.greaterThan(40);
    const missing = recorded.filter((action) => !(AUDIT_ACTIONS as readonly string[]).includes(action));
    expect(missing, 'actions recorded but not worded (add them to audit-viewer/wording.ts and the auditViewer locales)').to.deep.equal([]);
  });

  for (const lang of LANGUAGES) {
    it(`words every action and labels every detail in ${lang}`, () => {
      const translator = createTranslator({ strict: true });
      const missing = [...AUDIT_ACTIONS.map(actionKey), ...DETAIL_LABELS.map((key) => `auditViewer.detailLabels.${key}`)].filter(
        (key) => !translator.exists(lang, key),
      );
      expect(missing).to.deep.equal([]);
      const t = translator.forLanguage(lang);
      expect(t(actionKey('attachment.downloaded'), { file: 'letter-photo.jpg', rows: 0 })).to.include('letter-photo.jpg');
      // As actionText words it: the number of rows is also the count the noun agrees with.
      expect(t(actionKey('case.queue.exported'), { file: '', rows: 12, count: 12 })).to.include('12');
    });
  }
});

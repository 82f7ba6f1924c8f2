/** The editorial rules: who may take which step, when a translation is outdated, fallback, diff and the seed rule. */
import { expect } from 'chai';
import { resolveTranslation, type Item } from '../../src/features/content/cache.ts';
import { seedDecision } from '../../src/features/content/sync.ts';
import { wordDiff } from '../../src/features/content/text-diff.ts';
import { approvedStatus, basedOnNow, checkTransition, outdatedLanguages, RULES, TRANSITIONS } from '../../src/features/content/workflow.ts';
import { STAFF_ROLES } from '../../src/features/staff/permissions.ts';

describe('editorial workflow', () => {
  const author = { id: 1, role: 'editor' as const };
  const second = { id: 2, role: 'editor' as const };

  it('the author cannot approve their own version; a second editor or a supervisor can', () => {
    const version = { status: 'in_review' as const, authorId: 1 };
    expect(checkTransition('approve', version, author)).to.equal('author');
    expect(checkTransition('approve', version, second)).to.equal(undefined);
    expect(checkTransition('approve', version, { id: 3, role: 'supervisor' })).to.equal(undefined);
  });

  it('only editors and supervisors take steps, and only from the statuses the table names', () => {
    for (const role of STAFF_ROLES) {
      for (const step of TRANSITIONS) {
        const allowed = RULES[step].roles.includes(role);
        const version = { status: RULES[step].from[0]!, authorId: 99 };
        expect(checkTransition(step, version, { id: 1, role }), `${role} ${step}`).to.equal(allowed ? undefined : 'role');
      }
    }
    expect(checkTransition('submit', { status: 'published', authorId: 1 }, author)).to.equal('status');
    expect(checkTransition('approve', { status: 'draft', authorId: 99 }, second)).to.equal('status');
    expect(checkTransition('submit', { status: 'draft', authorId: 1 }, { id: 5, role: 'supervisor' })).to.equal('role');
  });

  it('an approval with a future time is scheduled, otherwise published at once', () => {
    const now = new Date('2026-12-06T10:00:00Z');
    expect(approvedStatus(null, now)).to.equal('published');
    expect(approvedStatus(new Date('2026-12-06T09:00:00Z'), now)).to.equal('published');
    expect(approvedStatus(new Date('2026-12-07T09:00:00Z'), now)).to.equal('scheduled');
  });

  it('a change in one language marks the others outdated until a translation of it is published', () => {
    expect([...outdatedLanguages({ ky: { number: 1, changeKind: 'seed', basedOn: {} }, ru: { number: 1, changeKind: 'seed', basedOn: {} } })]).to.deep.equal(
      [],
    );
    const kyChanged = {
      ky: { number: 2, changeKind: 'change' as const, basedOn: { ru: 1, en: 1 } },
      ru: { number: 1, changeKind: 'seed' as const, basedOn: { ky: 1, en: 1 } },
      en: { number: 1, changeKind: 'seed' as const, basedOn: { ky: 1, ru: 1 } },
    };
    expect([...outdatedLanguages(kyChanged)].sort()).to.deep.equal(['en', 'ru']);
    const ruFollows = { ...kyChanged, ru: { number: 2, changeKind: 'translation' as const, basedOn: { ky: 2, en: 1 } } };
    expect([...outdatedLanguages(ruFollows)]).to.deep.equal(['en']);
    const minorOnly = { ...kyChanged, ky: { number: 2, changeKind: 'minor' as const, basedOn: { ru: 1, en: 1 } } };
    expect([...outdatedLanguages(minorOnly)]).to.deep.equal([]);
    expect(basedOnNow('ru', { ky: { number: 2 }, ru: { number: 1 }, en: { number: 4 } })).to.deep.equal({ ky: 2, en: 4 });
  });
});

describe('fallback of a missing or outdated translation', () => {
  const translation = (lang: 'ky' | 'ru' | 'en', outdated = false) => ({
    lang,
    title: lang,
    summary: '',
    legalBasis: '',
    lastReviewed: '2026-12-01',
    bodyHtml: '',
    bodyText: '',
    extra: {},
    outdated,
  });
  const item = (translations: Item['translations']): Item => ({ kind: 'guides', slug: 's', topic: 'life', order: 1, related: [], version: 1, translations });

  it('follows ky → ru → en and says why', () => {
    expect(resolveTranslation(item({ ky: translation('ky') }), 'ky')).to.deep.include({ fallback: false, reason: undefined });
    const missing = resolveTranslation(item({ ru: translation('ru'), en: translation('en') }), 'ky');
    expect(missing?.translation.lang).to.equal('ru');
    expect(missing?.reason).to.equal('missing');
    const outdated = resolveTranslation(item({ ky: translation('ky', true), ru: translation('ru', true), en: translation('en') }), 'ky');
    expect(outdated?.translation.lang).to.equal('en');
    expect(outdated?.reason).to.equal('outdated');
  });

  it('shows the reader’s own outdated translation when no language is up to date, and can be configured', () => {
    const allOld = item({ ky: translation('ky', true), ru: translation('ru', true) });
    expect(resolveTranslation(allOld, 'ky')).to.deep.include({ fallback: false, reason: 'outdated' });
    const configured = resolveTranslation(item({ ky: translation('ky'), en: translation('en') }), 'ru', { ky: ['ru'], ru: ['ky', 'en'], en: ['ru'] });
    expect(configured?.translation.lang).to.equal('ky');
    expect(resolveTranslation(item({}), 'en')).to.equal(undefined);
  });
});

describe('word-level diff', () => {
  it('compares Kyrgyz and Russian by words, not letters', () => {
    const parts = wordDiff(
      'Агенттик сизге зыяндын ордун толтурууну чечүүгө укугу жок.',
      'Агенттиктин зыяндын ордун толтуруу тууралуу чечим чыгарууга укугу жок.',
      'ky',
    );
    expect(parts.filter((part) => part.change === 'removed').map((part) => part.text.trim())).to.deep.equal(['Агенттик сизге', 'толтурууну чечүүгө']);
    expect(parts.filter((part) => part.change === 'added').map((part) => part.text.trim())).to.deep.equal(['Агенттиктин', 'толтуруу тууралуу чечим чыгарууга']);
    expect(wordDiff('Одно и то же.', 'Одно и то же.', 'ru')).to.deep.equal([{ text: 'Одно и то же.', change: 'same' }]);
  });
});

describe('the seed rule', () => {
  const file = { checksum: 'file-2', fingerprint: 'words-2' };

  it('loads a new file, and a changed file over a translation only files have changed', () => {
    expect(seedDecision(file, undefined, undefined)).to.equal('load');
    expect(seedDecision(file, { origin: 'seed', fingerprint: 'words-1' }, { checksum: 'file-1' })).to.equal('load');
  });

  it('never overwrites a translation edited in the back office: it reports the conflict', () => {
    expect(seedDecision(file, { origin: 'editor', fingerprint: 'words-edited' }, { checksum: 'file-1' })).to.equal('conflict');
  });

  it('skips a file already loaded, or one that says what is published (an exported file)', () => {
    expect(seedDecision(file, { origin: 'editor', fingerprint: 'words-edited' }, { checksum: 'file-2' })).to.equal('skip');
    expect(seedDecision(file, { origin: 'editor', fingerprint: 'words-2' }, { checksum: 'file-1' })).to.equal('skip');
    // An editor's draft waits, and the file says what is published: nothing to load, nothing in conflict.
    expect(seedDecision(file, { origin: 'editor', fingerprint: 'words-draft' }, { checksum: 'file-1' }, 'words-2')).to.equal('skip');
  });
});

describe('campaign texts for SMS', () => {
  it('fit one SMS: 160 characters of the GSM alphabet, 70 with Cyrillic', async () => {
    const { fitsOneSms } = await import('../../src/features/content/front-matter.ts');
    expect(fitsOneSms('a'.repeat(160))).to.equal(true);
    expect(fitsOneSms('a'.repeat(161))).to.equal(false);
    expect(fitsOneSms('ж'.repeat(70))).to.equal(true);
    expect(fitsOneSms(`${'a'.repeat(69)}ж`)).to.equal(true);
    expect(fitsOneSms(`${'a'.repeat(70)}ж`)).to.equal(false);
  });
});

describe('diff context', () => {
  it('shortens long unchanged stretches to the text next to each change', async () => {
    const { withContext } = await import('../../src/features/content/text-diff.ts');
    const long = 'x'.repeat(1000);
    const parts = withContext([
      { text: long, change: 'same' },
      { text: 'new', change: 'added' },
      { text: long, change: 'same' },
      { text: 'old', change: 'removed' },
      { text: long, change: 'same' },
    ]);
    expect(parts.map((part) => [part.change, part.text.length])).to.deep.equal([
      ['gap', 3],
      ['same', 160],
      ['added', 3],
      ['same', 160],
      ['gap', 3],
      ['same', 160],
      ['removed', 3],
      ['same', 160],
      ['gap', 3],
    ]);
  });
});

/** The guidance pages' presenters: topic headings as finished keys, links through named paths, search notices. */
import { expect } from 'chai';
import type { Language } from '../../src/config.ts';
import type { Item, Resolved } from '../../src/features/content/cache.ts';
import { presentArticle } from '../../src/features/content/presenters/article.ts';
import { presentFaq } from '../../src/features/content/presenters/faq.ts';
import { presentRightsIndex } from '../../src/features/content/presenters/rights-index.ts';
import { presentSearch } from '../../src/features/content/presenters/search.ts';
import { itemPath } from '../../src/features/content/service.ts';
import { createTranslator } from '../../src/i18n/i18n.ts';

const translator = createTranslator({ strict: true });
const t = translator.forLanguage('en');

function resolved(kind: Item['kind'], slug: string, topic: string, lang: Language = 'en', fallback = false): Resolved {
  const translation = {
    lang,
    title: `Title ${slug}`,
    summary: 'Summary',
    legalBasis: 'Law, art. 1',
    lastReviewed: '2026-11-01',
    bodyHtml: '<p>Body</p>',
    bodyText: 'Body',
    extra: {},
    outdated: false,
  };
  return {
    item: { kind, slug, topic, order: 1, related: [], version: 1, translations: { [lang]: translation } },
    translation,
    fallback,
    reason: fallback ? 'missing' : undefined,
  };
}

describe('content presenters', () => {
  it('the rights index gives each topic its heading keys, and the first guides topic the #guides anchor', () => {
    const view = presentRightsIndex(
      [
        { topic: 'law', items: [resolved('rights', 'right-of-access', 'law')] },
        { topic: 'life', items: [resolved('guides', 'my-data-leaked', 'life', 'ru', true)] },
      ],
      'en',
      t,
    );
    expect(view.groups.map((group) => [group.titleKey, group.textKey, group.anchor])).to.deep.equal([
      ['content.topics.law.title', 'content.topics.law.text', undefined],
      ['content.topics.life.title', 'content.topics.life.text', 'guides'],
    ]);
    for (const group of view.groups)
      for (const lang of ['ky', 'ru', 'en'] as const) expect(translator.exists(lang, group.titleKey) && translator.exists(lang, group.textKey)).to.equal(true);
    expect(view.groups[0]!.items[0]).to.include({ href: '/en/rights/right-of-access', fallback: false });
    expect(view.groups[1]!.items[0]).to.include({ href: '/en/guides/my-data-leaked', lang: 'ru', fallback: true });
    expect(view.breadcrumbs).to.deep.equal([{ text: t('common.home'), href: '/en/' }, { text: t('content.index.title') }]);
  });

  it('an unknown topic is a bug, not an empty heading', () => {
    expect(() => presentRightsIndex([{ topic: 'nonsense', items: [] }], 'en', t)).to.throw(/nonsense/);
  });

  it('an article shown in another language says so, and links back to the index', () => {
    const view = presentArticle(resolved('rights', 'x', 'international', 'ru', true), [], 'ky', translator.forLanguage('ky'));
    expect(view.contentLang).to.equal('ru');
    expect(view.fallbackNotice).to.be.a('string').and.include('Русский');
    expect(view.international).to.equal(true);
    expect(view.breadcrumbs.map((crumb) => crumb.href)).to.deep.equal(['/ky/', '/ky/rights', undefined]);
    expect(presentArticle(resolved('guides', 'y', 'life'), [], 'en', t).fallbackNotice).to.equal(undefined);
  });

  it('the FAQ gives each topic its heading key', () => {
    const view = presentFaq([{ topic: 'general', items: [resolved('faq', 'what-is-personal-data', 'general')] }], 'en', t);
    expect(view.groups[0]).to.deep.include({ topic: 'general', titleKey: 'content.faqTopics.general' });
    expect(view.groups[0]!.questions[0]).to.deep.equal({
      id: 'what-is-personal-data',
      title: 'Title what-is-personal-data',
      bodyHtml: '<p>Body</p>',
      lang: 'en',
      fallback: false,
    });
  });

  it('search: a query to correct gives the key of what to correct; results are listed as they are', () => {
    expect(presentSearch('', { kind: 'empty' }, 200, 'en', t)).to.deep.include({
      isEmpty: true,
      noticeKey: undefined,
      isResults: false,
      title: t('search.title'),
    });
    expect(presentSearch('x'.repeat(300), { kind: 'tooLong', max: 200 }, 200, 'en', t)).to.deep.include({
      noticeKey: 'search.tooLong',
      max: 200,
      isResults: false,
    });
    expect(presentSearch('x'.repeat(300), { kind: 'tooLong', max: 200 }, 200, 'en', t).query).to.have.length(200);
    expect(presentSearch('---', { kind: 'noWords' }, 200, 'en', t).noticeKey).to.equal('search.noWords');
    expect(presentSearch('a - - - - - b', { kind: 'tooComplex' }, 200, 'en', t).noticeKey).to.equal('search.tooComplex');
    const results = [{ href: '/en/rights/x', title: 'X', snippet: [{ text: 'x', highlight: true }] }];
    expect(presentSearch('x', { kind: 'results', results }, 200, 'en', t)).to.deep.include({ isResults: true, results, noticeKey: undefined, isEmpty: false });
  });

  it('each kind of item lives at its named path', () => {
    expect(itemPath('ru', 'rights', 'a')).to.equal('/ru/rights/a');
    expect(itemPath('ru', 'guides', 'b')).to.equal('/ru/guides/b');
    expect(itemPath('ru', 'campaigns', 'c')).to.equal('/ru/campaigns/c');
    expect(itemPath('ru', 'faq', 'd')).to.equal('/ru/faq#d');
  });
});

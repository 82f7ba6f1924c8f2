/** The presenters of the home page and the portal's notices (privacy, accessibility, contact). */
import { expect } from 'chai';
import { presentHome } from '../../src/features/home/presenters/home.ts';
import { presentContentNotice } from '../../src/features/pages/presenters/content-notice.ts';
import { NOTICES, presentNotice } from '../../src/features/pages/presenters/notice.ts';
import { createTranslator } from '../../src/i18n/i18n.ts';

const t = createTranslator({ strict: true }).forLanguage('en');

describe('home and notice presenters', () => {
  it('gives the home page its translated title', () => {
    expect(presentHome(t)).to.deep.equal({ title: t('home.title') });
  });

  it('gives each notice its translated title and the day its text last changed', () => {
    for (const name of Object.keys(NOTICES) as (keyof typeof NOTICES)[]) {
      const view = presentNotice(name, t);
      expect(view.title).to.equal(t(NOTICES[name].titleKey));
      expect(view.updated).to.match(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('uses the page language it is given', () => {
    const ru = createTranslator({ strict: true }).forLanguage('ru');
    expect(presentNotice('contact', ru).title).to.equal(ru('pages.contact.title')).and.not.equal(t('pages.contact.title'));
  });

  it('gives the privacy notice its edited text, and says so when it is shown in another language', () => {
    const translation = {
      lang: 'ru' as const,
      title: 'Уведомление',
      summary: 'Кратко',
      legalBasis: 'Закон',
      lastReviewed: '2026-12-01',
      bodyHtml: '<h2>Раздел</h2>',
      bodyText: 'Раздел',
      extra: {},
      outdated: false,
    };
    const resolved = {
      item: { kind: 'notices' as const, slug: 'privacy', topic: 'notice', order: 1, related: [], version: 1, translations: { ru: translation } },
      translation,
      fallback: true,
      reason: 'missing' as const,
    };
    const view = presentContentNotice(resolved, 'en', t);
    expect(view).to.deep.include({ title: 'Уведомление', lead: 'Кратко', bodyHtml: '<h2>Раздел</h2>', updated: '2026-12-01', contentLang: 'ru' });
    expect(view.fallbackNotice).to.include('Русский');
  });
});

/** The presenters of the home page and the portal's notices (privacy, accessibility, contact). */
import { expect } from 'chai';
import { presentHome } from '../../src/features/home/presenters/home.ts';
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
    expect(presentNotice('privacy', ru).title).to.equal(ru('pages.privacy.title')).and.not.equal(t('pages.privacy.title'));
  });
});

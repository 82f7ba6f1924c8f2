/** The campaign pages' presenters: status as a finished key, texts flattened, links through named paths. */
import { expect } from 'chai';
import type { Language } from '../../src/config.ts';
import { presentCampaignsIndex } from '../../src/features/campaigns/presenters/index.ts';
import { presentPoster } from '../../src/features/campaigns/presenters/poster.ts';
import { presentCampaign } from '../../src/features/campaigns/presenters/show.ts';
import type { CampaignStatus, CampaignView } from '../../src/features/campaigns/service.ts';
import { createTranslator } from '../../src/i18n/i18n.ts';

const translator = createTranslator({ strict: true });
const t = translator.forLanguage('en');

function campaign(status: CampaignStatus, lang: Language = 'en', fallback = false): CampaignView {
  const extra = {
    periodStart: '2026-11-01',
    periodEnd: '2026-11-30',
    audience: 'Everyone',
    message: 'Your data, your right',
    posterTitle: 'Ask what they keep',
    posterPoints: ['One', 'Two'],
    posterCallToAction: 'Read your rights',
    socialPosts: ['Post'],
    actions: [{ label: 'Read', href: '/en/rights' }],
  };
  const translation = {
    lang,
    title: 'Campaign',
    summary: 'Summary',
    legalBasis: '',
    lastReviewed: '2026-11-01',
    bodyHtml: '<p>Body</p>',
    bodyText: 'Body',
    extra,
    outdated: false,
  };
  return {
    item: { kind: 'campaigns', slug: 'your-data', topic: 'awareness', order: 1, related: [], version: 1, translations: { [lang]: translation } },
    translation,
    fallback,
    reason: fallback ? ('missing' as const) : undefined,
    status,
  };
}

describe('campaign presenters', () => {
  it('the list gives each campaign its status key, period and slug', () => {
    const view = presentCampaignsIndex([campaign('current'), campaign('past', 'ru', true)], 'en', t);
    expect(view.campaigns.map((item) => item.statusKey)).to.deep.equal(['campaigns.status.current', 'campaigns.status.past']);
    for (const item of view.campaigns) for (const lang of ['ky', 'ru', 'en'] as const) expect(translator.exists(lang, item.statusKey)).to.equal(true);
    expect(view.campaigns[1]).to.include({ slug: 'your-data', periodStart: '2026-11-01', periodEnd: '2026-11-30', contentLang: 'ru', fallback: true });
    expect(view.breadcrumbs).to.deep.equal([{ text: t('common.home'), href: '/en/' }, { text: t('campaigns.title') }]);
  });

  it('a campaign page flattens its texts and leads back to the list', () => {
    const view = presentCampaign(campaign('upcoming'), [], 'en', t);
    expect(view.campaign).to.deep.include({
      statusKey: 'campaigns.status.upcoming',
      message: 'Your data, your right',
      audience: 'Everyone',
      socialPosts: ['Post'],
    });
    expect(view.fallbackNotice).to.equal(undefined);
    expect(view.breadcrumbs.map((crumb) => crumb.href)).to.deep.equal(['/en/', '/en/campaigns', undefined]);
  });

  it('the poster prints the configured address of the rights pages and says when it is in another language', () => {
    const view = presentPoster(campaign('current', 'ru', true), 'https://ukuk.example.kg', 'ky', translator.forLanguage('ky'));
    expect(view.portalAddress).to.equal('https://ukuk.example.kg/ky/rights');
    expect(view.poster).to.deep.equal({
      title: 'Ask what they keep',
      message: 'Your data, your right',
      points: ['One', 'Two'],
      callToAction: 'Read your rights',
    });
    expect(view.fallbackNotice).to.be.a('string');
    expect(view.breadcrumbs.map((crumb) => crumb.href)).to.deep.equal(['/ky/', '/ky/campaigns', '/ky/campaigns/your-data', undefined]);
  });
});

/**
 * The anonymous report speaks about other people's data, and says the same thing everywhere: the reporter gets
 * a reference and a code to follow the report and answer questions, and the result may not be shared — on the
 * report form, its receipt, the "what can I do?" outcome and the FAQ, in Kyrgyz, Russian and English.
 */
import { expect } from 'chai';
import type { Express } from 'express';
import { createTranslator } from '../../src/i18n/i18n.ts';
import { buildApp } from '../support/app.ts';
import { browser, csrfTokenFrom } from '../support/browser.ts';
import { answer } from '../support/journeys.ts';

const translator = createTranslator({ strict: true });
const LANGS = ['ky', 'ru', 'en'] as const;

/** The page's text as a reader sees it (tags dropped, entities decoded, spaces collapsed). */
function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

describe('report wording: other people’s data, and what the reporter gets', () => {
  let app: Express;
  before(async () => {
    app = await buildApp();
  });

  for (const lang of LANGS) {
    it(`${lang}: the same follow-up sentence on the form, the receipt, the help outcome and the FAQ`, async () => {
      const t = translator.forLanguage(lang);
      const sentence = t('intake.report.followUp');
      expect(sentence.length).to.be.greaterThan(40);
      const agent = browser(app);

      const form = text((await agent.get(`/${lang}/reports/new/what-happened`).expect(200)).text);
      // Third person: the choices are about people, not "me" / "my child".
      for (const kind of ['images', 'children', 'location']) {
        expect(form).to.include(t(`intake.report.dataKinds.${kind}`));
        expect(form).not.to.include(t(`intake.dataKinds.${kind}`));
      }
      await answer(agent, `/${lang}/reports/new/what-happened`, {
        organisationName: 'Wording Shop',
        sector: 'retail',
        description: 'They post customers’ photos.',
        dataKinds: 'images',
        knowDate: 'no',
      });
      await answer(agent, `/${lang}/reports/new/evidence`, { continue: '1' });
      expect(text((await agent.get(`/${lang}/reports/new/about-you`).expect(200)).text)).to.include(sentence);
      await answer(agent, `/${lang}/reports/new/about-you`, { anonymous: 'yes', preferredLanguage: lang });
      const check = await agent.get(`/${lang}/reports/new/check`).expect(200);
      await agent
        .post(`/${lang}/reports/new/check`)
        .type('form')
        .send({ _csrf: csrfTokenFrom(check.text), website: '' })
        .expect(303);
      expect(text((await agent.get(`/${lang}/reports/submitted`).expect(200)).text), 'receipt').to.include(sentence);

      expect(text((await browser(app).get(`/${lang}/help/report-violation`).expect(200)).text), 'help outcome').to.include(sentence);
      expect(text((await browser(app).get(`/${lang}/faq`).expect(200)).text), 'FAQ').to.include(sentence);
    });
  }
});

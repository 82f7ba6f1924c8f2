import { expect } from 'chai';
import type { Express } from 'express';
import supertest from 'supertest';
import { LANGUAGES } from '../../src/config.ts';
import { buildApp } from '../support/app.ts';
import { setCookies } from '../support/browser.ts';

const PAGES: { path: string; titles: Record<string, string> }[] = [
  { path: '/', titles: { ky: 'Жеке маалыматтарыңызды коргоңуз', ru: 'Защитите свои персональные данные', en: 'Protect your personal data' } },
  { path: '/privacy', titles: { ky: 'Купуялуулук жөнүндө билдирүү', ru: 'Уведомление о конфиденциальности', en: 'Privacy notice' } },
  { path: '/accessibility', titles: { ky: 'Жеткиликтүүлүк жөнүндө билдирүү', ru: 'Заявление о доступности', en: 'Accessibility statement' } },
  { path: '/contact', titles: { ky: 'Агенттик менен байланышуу', ru: 'Связаться с Агентством', en: 'Contact the Agency' } },
];

describe('public pages in three languages', () => {
  let app: Express;
  before(async () => {
    app = await buildApp();
  });

  for (const page of PAGES) {
    for (const lang of LANGUAGES) {
      it(`${lang}${page.path} renders with its translated title, landmarks and skip link`, async () => {
        const response = await supertest(app).get(`/${lang}${page.path}`).expect(200).expect('Content-Type', /html/);
        const html = response.text;
        expect(html).to.include(`<html lang="${lang}">`);
        expect(html).to.include(`<title>${page.titles[lang]!} — `);
        expect(html).to.include(`<h1 class="heading-xl">${page.titles[lang]!}</h1>`);
        expect(html).to.match(/<a class="skip-link" href="#main">/);
        for (const landmark of ['<header', '<main id="main"', '<footer', '<nav class="nav"']) expect(html).to.include(landmark);
        expect(html).not.to.match(/style=|<script>|<script [^>]*>[^<]/);
        expect(setCookies(response), 'an anonymous reader gets no cookie').to.deep.equal([]);
      });
    }
  }

  it('the home page shows the three main actions and the authority’s contacts', async () => {
    const html = (await supertest(app).get('/en/').expect(200)).text;
    for (const link of ['href="/en/rights"', 'href="/en/letters/new"', 'href="/en/complaints/new"']) expect(html).to.include(link);
    expect(html).to.include('State Agency for Personal Data Protection under the Cabinet of Ministers of the Kyrgyz Republic');
    expect(html).to.include('href="mailto:info@ukuk.example"');
    expect(html).to.include('href="tel:+996312000000"');
    expect(html).to.include('href="/en/privacy"');
    expect(html).to.include('href="/en/accessibility"');
  });

  it('shows the authority’s contacts from configuration', async () => {
    const configured = await buildApp({
      AUTHORITY_EMAIL: 'appeals@pdp.gov.kg',
      AUTHORITY_PHONE: '+996 312 555555',
      AUTHORITY_ADDRESS_RU: 'г. Бишкек, ул. Тестовая, 1',
    });
    const html = (await supertest(configured).get('/ru/contact').expect(200)).text;
    expect(html).to.include('appeals@pdp.gov.kg');
    // Shown with non-breaking spaces (a phone number never wraps), dialled from the tel: link.
    expect(html).to.include('+996\u00a0312\u00a0555555');
    expect(html).to.include('href="tel:+996312555555"');
    expect(html).to.include('г. Бишкек, ул. Тестовая, 1');
  });

  it('serves the stylesheet, print styles and script as cacheable files', async () => {
    const css = await supertest(app).get('/public/css/main.css').expect(200).expect('Content-Type', /css/);
    expect(css.headers['cache-control']).to.match(/max-age=31536000/);
    await supertest(app).get('/public/css/print.css').expect(200);
    await supertest(app)
      .get('/public/js/main.js')
      .expect(200)
      .expect('Content-Type', /javascript/);
    await supertest(app).get('/public/../package.json').expect(404);
  });
});

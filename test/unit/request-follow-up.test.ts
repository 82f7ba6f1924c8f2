/** Following a request letter and text messages, without a database: numbers, days left, pages, calendar, SMS files. */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { requestCalendar } from '../../src/features/letters/calendar.ts';
import { presentFollowedPage } from '../../src/features/letters/presenters/follow.ts';
import { presentMyRequest } from '../../src/features/letters/presenters/my-request.ts';
import { letterForm } from '../../src/features/letters/schemas.ts';
import { buildLetter } from '../../src/features/letters/service.ts';
import { daysLeft, type TrackedRequest } from '../../src/features/letters/tracking.ts';
import { createSmsSender } from '../../src/features/notifications/sms.ts';
import { renderSms } from '../../src/features/notifications/render.ts';
import { createTranslator } from '../../src/i18n/i18n.ts';
import { loadConfig } from '../../src/config.ts';
import { parsePhone, textableNumber } from '../../src/lib/phone.ts';
import { seedLetterTemplate } from '../support/letter-template.ts';

const translator = createTranslator({ strict: true });

const form = letterForm.parse({
  requestType: 'access',
  organisationName: 'Bank Example',
  fullName: 'Aida Tolonova',
  contact: 'aida@example.kg',
  sendingDate: { day: '2', month: '12', year: '2026' },
  letterLanguage: 'ky',
});

function tracked(): TrackedRequest {
  return {
    code: '1'.repeat(25),
    language: 'ky',
    requestType: 'access',
    sendingDate: '2026-12-02',
    replyBy: '2026-12-09',
    organisationId: null,
    form,
    organisationNumber: '',
  };
}

describe('request follow-up and text messages', () => {
  it('reads Kyrgyz numbers with or without +996 and foreign ones with their code, into E.164', () => {
    for (const typed of ['+996 700 123 456', '0700 123 456', '700123456', '+996-700-123-456'])
      expect(parsePhone(typed, { mobile: true }), typed).to.deep.equal({ e164: '+996700123456' });
    expect(parsePhone('+7 916 123 4567', { mobile: true })).to.deep.equal({ e164: '+79161234567' });
    expect(parsePhone('+996 312 123456', { mobile: true })).to.deep.equal({ problem: 'notMobile' });
    expect(parsePhone('+996 312 123456', { mobile: false })).to.deep.equal({ e164: '+996312123456' });
    expect(parsePhone('call me', { mobile: false })).to.deep.equal({ problem: 'invalid' });
    expect(textableNumber('0555 123 456')).to.equal('+996555123456');
    expect(textableNumber('+996 312 123456')).to.equal(undefined);
    expect(textableNumber(null)).to.equal(undefined);
  });

  it('counts the days left, and says "you can complain" only from the day after the reply-by date', () => {
    expect(daysLeft('2026-12-09', '2026-12-05')).to.equal(4);
    expect(daysLeft('2026-12-09', '2026-12-09')).to.equal(0);
    expect(daysLeft('2026-12-09', '2026-12-10')).to.equal(-1);
    for (const lang of ['ky', 'ru', 'en'] as const) {
      const t = translator.forLanguage(lang);
      const letter = buildLetter(form, seedLetterTemplate('ky'));
      const waiting = presentMyRequest(t, lang, tracked(), letter, '2026-12-05');
      expect(waiting).to.include({ canComplain: false, dueToday: false, daysLeft: t('letters.myRequest.daysLeft', { count: 4 }) });
      expect(presentMyRequest(t, lang, tracked(), letter, '2026-12-09')).to.include({ canComplain: false, dueToday: true });
      const late = presentMyRequest(t, lang, tracked(), letter, '2026-12-10');
      expect(late).to.include({ canComplain: true, complainAction: `/${lang}/complaints/new/from-request` });
    }
  });

  it('shows the code once with its short link and the reminders asked for', () => {
    const t = translator.forLanguage('en');
    const page = presentFollowedPage(t, 'en', {
      code: '12345 67890 12345 67890 12345',
      replyBy: '2026-12-09',
      publicUrl: 'https://ukuk.example',
      reminders: [{ channel: 'sms', contact: '+996700123456' }],
    });
    expect(page.link).to.equal('https://ukuk.example/en/my-request/1234567890123456789012345');
    expect(page.reminders).to.deep.equal(['A text message to +996 700 123 456 on the reply-by date.']);
  });

  it('writes the calendar reminder as an all-day event in the letter’s language', () => {
    const ics = requestCalendar(translator.forLanguage('ky'), form, 7, 'https://ukuk.example');
    expect(ics).to.include('DTSTART;VALUE=DATE:20261209').and.include('DTEND;VALUE=DATE:20261210');
    expect(ics).to.include('SUMMARY:Жооп берүү мөөнөтү: Bank Example');
    expect(ics).to.include('https://ukuk.example/ky/my-request');
    expect(requestCalendar(translator.forLanguage('ky'), form, 10, 'https://ukuk.example')).to.include('DTSTART;VALUE=DATE:20261212');
  });

  it('words every text message in all three languages, naming no case content', () => {
    const config = loadConfig({ NODE_ENV: 'test', SESSION_SECRET: 'x'.repeat(32), DATA_ENCRYPTION_KEY: Buffer.alloc(32).toString('base64') });
    for (const lang of ['ky', 'ru', 'en'] as const) {
      const update = renderSms(translator, config, 'case-accepted', lang, { reference: 'PDP-2026-000001' });
      expect(update).to.include('PDP-2026-000001').and.include(`/${lang}/track`);
      const reminder = renderSms(translator, config, 'request-reminder', lang, { organisation: 'Bank', replyBy: '9', link: 'L', requestType: 'access' });
      expect(reminder).to.match(/^Ukuk: /);
      for (const template of ['draft-saved', 'case-received'])
        expect(renderSms(translator, config, template, lang, { code: 'C', link: 'L', until: 'U', reference: 'R' })).to.match(/^Ukuk: /);
    }
  });

  it('writes text messages to files when no gateway is configured', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ukuk-sms-'));
    try {
      await createSmsSender({ url: undefined, token: undefined, sender: 'Ukuk', smsDir: dir }).send({
        to: '+996700123456',
        text: 'Ukuk: hello',
        id: 'outbox-1',
      });
      const [file] = await readdir(dir);
      expect(await readFile(path.join(dir, file ?? ''), 'utf8')).to.equal('To: +996700123456\nFrom: Ukuk\n\nUkuk: hello\n');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

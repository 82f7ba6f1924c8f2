/**
 * The back office's doors (issue 13 points 3 and 11; issue 12 points 11 and 12): a half-finished login does
 * not outlive the credentials it began with; roles that read personal data take two people and their links
 * go only to their owners; staff pages speak the staff member's language; every role lands somewhere real;
 * and `npm run staff:create` says where it writes and links to where the portal runs.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import type { Express } from 'express';
import { STAFF_ROLES } from '../../src/features/staff/permissions.ts';
import { buildApp, releaseApp, TEST_ENV } from '../support/app.ts';
import { browser, csrfTokenFrom, type Agent } from '../support/browser.ts';
import { testDatabase } from '../support/database.ts';
import { ROOT } from '../support/env.ts';
import { createCase } from '../support/factories.ts';
import { mailTo } from '../support/jobs.ts';
import { newStaffAccount, signedInStaff, signInAgain, staffOfRole, staffPost, totpCode } from '../support/staff.ts';

const run = promisify(execFile);

/** Sets a password through the set-up link and passes the password step: a login waiting for its second step. */
async function passwordStepOnly(app: Express, account: { email: string; token: string }, password = 'river stones in the valley'): Promise<Agent> {
  const agent = browser(app);
  const setup = await agent.get(`/staff/setup/${account.token}`).expect(200);
  await agent
    .post(`/staff/setup/${account.token}`)
    .type('form')
    .send({ _csrf: csrfTokenFrom(setup.text), password, confirm: password })
    .expect(303);
  const login = await agent.get('/staff/login?lang=en').expect(200);
  const response = await agent
    .post('/staff/login')
    .type('form')
    .send({ _csrf: csrfTokenFrom(login.text), email: account.email, password })
    .expect(303);
  expect(response.headers.location).to.equal('/staff/enrol');
  return agent;
}

/** Tries to finish enrolment the way an attacker holding the half-finished login would. */
async function tryToEnrol(agent: Agent): Promise<{ status: number; location?: string; signedIn: boolean }> {
  const page = await agent.get('/staff/enrol');
  if (page.status !== 200) return { status: page.status, location: String(page.headers.location), signedIn: false };
  const secret = (/<p class="manual-key"><code>([A-Z2-7 ]+)<\/code>/.exec(page.text)?.[1] ?? '').replace(/ /g, '');
  const done = await agent
    .post('/staff/enrol')
    .type('form')
    .send({ _csrf: csrfTokenFrom(page.text), code: totpCode(secret) });
  const account = await agent.get('/staff/account');
  return { status: done.status, signedIn: account.status === 200 };
}

/** A further sign-in within the same 30 seconds (a TOTP step is accepted once): with a recovery code. */
async function signInWithRecoveryCode(app: Express, email: string, password: string, recoveryCode: string): Promise<Agent> {
  const agent = browser(app);
  const login = await agent.get('/staff/login?lang=en').expect(200);
  await agent
    .post('/staff/login')
    .type('form')
    .send({ _csrf: csrfTokenFrom(login.text), email, password })
    .expect(303);
  const code = await agent.get('/staff/login/code').expect(200);
  await agent
    .post('/staff/login/code')
    .type('form')
    .send({ _csrf: csrfTokenFrom(code.text), code: recoveryCode })
    .expect(303);
  await agent.get('/staff/account').expect(200);
  return agent;
}

function pendingSessions(staffId: number) {
  return testDatabase()
    .knex('sessions')
    .whereRaw(`sess -> 'staffPending' ->> 'id' = ?`, [String(staffId)]);
}

describe('staff access', () => {
  let app: Express;
  let admin: Agent;
  let supervisor: Agent;
  before(async () => {
    app = await buildApp();
    admin = (await staffOfRole(app, 'admin')).agent;
    supervisor = (await staffOfRole(app, 'supervisor')).agent;
  });
  after(() => releaseApp(app));

  describe('a half-finished sign-in', () => {
    it('cannot enrol a new authenticator after an admin resets the account', async () => {
      const account = await newStaffAccount('editor');
      const attacker = await passwordStepOnly(app, account);
      expect(await pendingSessions(account.id)).to.have.length(1);
      await staffPost(admin, `/staff/users/${String(account.id)}`, `/staff/users/${String(account.id)}/reset`, {}, 200);
      // The reset ended the pending login with every other session of the account.
      expect(await pendingSessions(account.id)).to.have.length(0);
      const attempt = await tryToEnrol(attacker);
      expect(attempt.signedIn).to.equal(false);
      expect(attempt.location).to.equal('/staff/login');
      const row = await testDatabase().knex('staff_users').where({ id: account.id }).first();
      expect(row.totp_secret).to.equal(null);
      expect(row.totp_enrolled_at).to.equal(null);
    });

    it('is refused by its credential version even if its session row survived the reset', async () => {
      const { knex } = testDatabase();
      const account = await newStaffAccount('editor');
      const attacker = await passwordStepOnly(app, account);
      const saved = await pendingSessions(account.id).first();
      await staffPost(admin, `/staff/users/${String(account.id)}`, `/staff/users/${String(account.id)}/reset`, {}, 200);
      // As if the session store had written the old session back after the reset deleted it.
      await knex('sessions').insert(saved).onConflict('sid').merge();
      const attempt = await tryToEnrol(attacker);
      expect(attempt.signedIn).to.equal(false);
      expect(attempt.location).to.equal('/staff/login?expired=1');
      expect((await knex('staff_users').where({ id: account.id }).first()).totp_enrolled_at).to.equal(null);
    });

    it('ends when the account is disabled or its role changes', async () => {
      for (const change of ['disable', 'role'] as const) {
        const account = await newStaffAccount('editor');
        const attacker = await passwordStepOnly(app, account);
        const url = `/staff/users/${String(account.id)}`;
        if (change === 'disable') await staffPost(admin, url, `${url}/disable`, {}, 303);
        else await staffPost(admin, url, `${url}/role`, { role: 'admin' }, 303);
        expect(await pendingSessions(account.id), change).to.have.length(0);
        expect((await tryToEnrol(attacker)).signedIn, change).to.equal(false);
      }
    });

    it('a signed-in session made before a role change is refused by its version too', async () => {
      const { knex } = testDatabase();
      const { agent, staff } = await signedInStaff(app, 'editor');
      const saved = await knex('sessions')
        .whereRaw(`sess -> 'staff' ->> 'id' = ?`, [String(staff.id)])
        .first();
      await staffPost(admin, `/staff/users/${String(staff.id)}`, `/staff/users/${String(staff.id)}/role`, { role: 'admin' }, 303);
      await knex('sessions').insert(saved).onConflict('sid').merge();
      expect((await agent.get('/staff/account').expect(303)).headers.location).to.equal('/staff/login');
    });
  });

  describe('roles that read personal data take two people', () => {
    it('an admin’s new supervisor is only a request; another admin or a supervisor approves, and the link goes to the new address', async () => {
      const { knex } = testDatabase();
      const email = `new.supervisor.${String(Date.now())}@agency.example.kg`;
      const requested = await staffPost(
        admin,
        '/staff/users/new',
        '/staff/users',
        { displayName: 'Жаңы Жетекчи', email, role: 'supervisor', language: 'ky' },
        202,
      );
      expect(requested.text).not.to.match(/\/staff\/setup\/[\w-]{40,}/);
      expect(await knex('staff_users').whereRaw('lower(email) = ?', [email])).to.have.length(0);
      const request = await knex('staff_access_requests').whereRaw('lower(email) = ?', [email]).first();
      // The requester sees it waiting, without buttons; deciding it anyway is refused.
      const own = await admin.get('/staff/users/requests').expect(200);
      expect(own.text).to.include('Жаңы Жетекчи');
      expect(own.text).not.to.include(`/staff/users/requests/${String(request.id)}/approve`);
      const refused = await admin
        .post(`/staff/users/requests/${String(request.id)}/approve`)
        .type('form')
        .send({ _csrf: csrfTokenFrom(own.text) })
        .expect(409);
      expect(refused.text).to.include('You cannot approve or refuse your own request');
      expect(await knex('staff_users').whereRaw('lower(email) = ?', [email])).to.have.length(0);
      // A supervisor approves: the account exists and its link is e-mailed to it, in its language.
      await staffPost(supervisor, '/staff/users/requests', `/staff/users/requests/${String(request.id)}/approve`, {}, 303);
      const created = await knex('staff_users').whereRaw('lower(email) = ?', [email]).first();
      expect(created.role).to.equal('supervisor');
      const mail = await mailTo(email, (message) => /\/staff\/setup\/[\w-]{40,}/.test(message.text ?? ''));
      expect(mail.subject).to.equal('Кызматтык бөлүмдөгү эсептик жазууңузду орнотуу');
      const link = /\/staff\/setup\/([\w-]{40,})/.exec(mail.text ?? '')![1]!;
      expect((await browser(app).get(`/staff/setup/${link}`).expect(200)).text).to.include(email);
      const actions = await knex('audit_events')
        .where({ entity_type: 'staff_access_request', entity_id: String(request.id) })
        .orderBy('id')
        .pluck('action');
      expect(actions).to.deep.equal(['staff.access_request.created', 'staff.access_request.approved']);
      expect(
        (
          await knex('audit_events')
            .where({ action: 'staff.created', entity_id: String(created.id) })
            .first()
        ).details,
      ).to.include({ role: 'supervisor' });
    });

    it('giving an existing account such a role waits for approval; a refusal changes nothing', async () => {
      const { knex } = testDatabase();
      const account = await newStaffAccount('editor');
      const url = `/staff/users/${String(account.id)}`;
      const saved = await staffPost(admin, url, `${url}/role`, { role: 'case_officer' }, 303);
      expect(saved.headers.location).to.equal(`${url}?saved=requested`);
      expect((await admin.get(url).expect(200)).text).to.include('Waiting for approval: new role “Case officer”');
      expect((await knex('staff_users').where({ id: account.id }).first()).role).to.equal('editor');
      // The approvers were told.
      const request = await knex('staff_access_requests').where({ staff_id: account.id }).whereNull('outcome').first();
      expect(await knex('mail_outbox').where({ template: 'staff-access-request' })).to.have.length.at.least(1);
      // A second request for the same account is refused beside the field.
      const twice = await staffPost(admin, url, `${url}/role`, { role: 'auditor' }, 400);
      expect(twice.text).to.include('A request for this person is already waiting for approval');
      await staffPost(supervisor, '/staff/users/requests', `/staff/users/requests/${String(request.id)}/refuse`, {}, 303);
      expect((await knex('staff_users').where({ id: account.id }).first()).role).to.equal('editor');
      expect((await knex('staff_access_requests').where({ id: request.id }).first()).outcome).to.equal('refused');
      expect(await knex('audit_events').where({ action: 'staff.access_request.refused', entity_id: String(request.id) })).to.have.length(1);
    });

    it('nobody decides a request about their own account', async () => {
      const { knex } = testDatabase();
      const { agent: editorAdmin, staff } = await signedInStaff(app, 'admin');
      // Another admin asks to make this admin an auditor; the admin concerned may not approve it.
      const url = `/staff/users/${String(staff.id)}`;
      await staffPost(admin, url, `${url}/role`, { role: 'auditor' }, 303);
      const request = await knex('staff_access_requests').where({ staff_id: staff.id }).whereNull('outcome').first();
      const page = await editorAdmin.get('/staff/users/requests').expect(200);
      const refused = await editorAdmin
        .post(`/staff/users/requests/${String(request.id)}/approve`)
        .type('form')
        .send({ _csrf: csrfTokenFrom(page.text) })
        .expect(409);
      expect(refused.text).to.include('You cannot decide a request about your own account');
      expect((await knex('staff_users').where({ id: staff.id }).first()).role).to.equal('admin');
    });

    it('a new set-up link for such an account goes to its own e-mail, never to the admin’s screen', async () => {
      const account = await newStaffAccount('case_officer');
      const url = `/staff/users/${String(account.id)}`;
      const reset = await staffPost(admin, url, `${url}/reset`, {}, 200);
      expect(reset.text).not.to.match(/\/staff\/setup\/[\w-]{40,}/);
      expect(reset.text).to.include(`A new set-up link was sent to ${account.email}`);
      const mail = await mailTo(account.email, (message) => /\/staff\/setup\/[\w-]{40,}/.test(message.text ?? ''));
      expect(mail.text).to.include('within 24 hours');
      // An editor's link (no personal data) is still shown to the admin, once.
      const editor = await newStaffAccount('editor');
      const shown = await staffPost(admin, `/staff/users/${String(editor.id)}`, `/staff/users/${String(editor.id)}/reset`, {}, 200);
      expect(shown.text).to.match(/\/staff\/setup\/[\w-]{40,}/);
    });
  });

  describe('staff pages in the staff member’s language', () => {
    it('set-up, second-step and enrolment pages follow the account’s language; the login page the switcher', async () => {
      const account = await newStaffAccount('case_officer', 'ru');
      const agent = browser(app);
      const setup = await agent.get(`/staff/setup/${account.token}`).set('Accept-Language', 'en').expect(200);
      expect(setup.text).to.include('<html lang="ru">');
      expect(setup.text).to.include('Установка пароля');
      // The switcher still wins when used.
      expect((await agent.get(`/staff/setup/${account.token}?lang=ky`).expect(200)).text).to.include('<html lang="ky">');
      const password = 'apricot trees along the road';
      const done = await agent
        .post(`/staff/setup/${account.token}`)
        .type('form')
        .send({ _csrf: csrfTokenFrom(setup.text), password, confirm: password })
        .expect(303);
      expect(done.headers.location).to.equal('/staff/login?ready=1&lang=ru');
      const login = await agent.get(String(done.headers.location)).set('Accept-Language', 'en').expect(200);
      expect(login.text).to.include('<html lang="ru">');
      // Remembered: the next visit to the login page, without ?lang, is in Russian too.
      expect((await agent.get('/staff/login').set('Accept-Language', 'en').expect(200)).text).to.include('<html lang="ru">');
      const other = browser(app);
      const otherLogin = await other.get('/staff/login').set('Accept-Language', 'en').expect(200);
      await other
        .post('/staff/login')
        .type('form')
        .send({ _csrf: csrfTokenFrom(otherLogin.text), email: account.email, password })
        .expect(303);
      const enrol = await other.get('/staff/enrol').expect(200);
      expect(enrol.text).to.include('<html lang="ru">');
      expect(enrol.text).to.include('Настройка приложения-аутентификатора');
    });

    it('the second step is in the account’s language', async () => {
      const { staff } = await signedInStaff(app, 'auditor', 'ky');
      const agent = browser(app);
      const login = await agent.get('/staff/login?lang=en').expect(200);
      await agent
        .post('/staff/login')
        .type('form')
        .send({ _csrf: csrfTokenFrom(login.text), email: staff.email, password: staff.password })
        .expect(303);
      const code = await agent.get('/staff/login/code').expect(200);
      expect(code.text).to.include('<html lang="ky">');
    });

    it('the back-office header and title are in one script in Kyrgyz and Russian', async () => {
      for (const lang of ['ky', 'ru'] as const) {
        const login = (await browser(app).get(`/staff/login?lang=${lang}`).expect(200)).text;
        const { agent } = await staffOfRole(app, 'supervisor', lang);
        const inside = (await agent.get('/staff/cases').expect(200)).text;
        for (const html of [login, inside]) {
          const names = /<span class="header__names">([\s\S]*?)<\/span>\s*<\/a>/.exec(html)?.[1] ?? '';
          const title = /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '';
          const nav = /<nav class="nav"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
          const visible = `${names} ${title} ${nav}`.replace(/<[^>]+>/g, ' ');
          expect(visible, `${lang}: ${visible}`).not.to.match(/[A-Za-z]/);
          expect(names).to.match(/[А-Яа-яӨөҮүҢң]/);
        }
      }
    });
  });

  describe('every role lands on a page made for it', () => {
    for (const role of STAFF_ROLES) {
      it(`${role}: signing in leads to a working page, never a 403`, async () => {
        const { staff } = await signedInStaff(app, role);
        const agent = browser(app);
        const login = await agent.get('/staff/login?lang=en').expect(200);
        await agent
          .post('/staff/login')
          .type('form')
          .send({ _csrf: csrfTokenFrom(login.text), email: staff.email, password: staff.password })
          .expect(303);
        const code = await agent.get('/staff/login/code').expect(200);
        const signedIn = await agent
          .post('/staff/login/code')
          .type('form')
          .send({ _csrf: csrfTokenFrom(code.text), code: totpCode(staff.secret, 1) })
          .expect(303);
        const landing = String(signedIn.headers.location);
        const page = await agent.get(landing).expect(200);
        expect(page.text).to.include('<html lang="en">');
        // The brand link and /staff/ lead to the same page.
        expect((await agent.get('/staff/').expect(303)).headers.location).to.equal(landing);
        if (role === 'editor') {
          expect(landing).to.equal('/staff/welcome');
          expect(page.text).to.include('As a content editor you look after');
          // Not a dead end any more: the welcome page leads to the content the editor looks after.
          expect(page.text).to.include('href="/staff/content"');
          expect(page.text).to.include('href="/staff/holidays"');
        }
      });
    }

    it('the recovery codes page continues to the role’s landing page', async () => {
      const account = await newStaffAccount('editor');
      const agent = await passwordStepOnly(app, account);
      const enrol = await agent.get('/staff/enrol').expect(200);
      const secret = (/<p class="manual-key"><code>([A-Z2-7 ]+)<\/code>/.exec(enrol.text)?.[1] ?? '').replace(/ /g, '');
      const codes = await agent
        .post('/staff/enrol')
        .type('form')
        .send({ _csrf: csrfTokenFrom(enrol.text), code: totpCode(secret) })
        .expect(200);
      expect(codes.text).to.include('href="/staff/welcome"');
      await agent.get('/staff/welcome').expect(200);
    });
  });

  describe('passwords and sessions in the staff member’s hands', () => {
    it('changes the password only with the current one; every other session ends, this browser stays in', async () => {
      const { knex } = testDatabase();
      const { agent, staff } = await signedInStaff(app, 'case_officer');
      const elsewhere = await signInAgain(app, staff, 1);
      const page = await agent.get('/staff/account/password').expect(200);
      expect(page.text).to.match(/<input[^>]+id="current"[^>]+type="password"[^>]+autocomplete="current-password"/);
      expect(page.text).to.match(/<input[^>]+id="password"[^>]+type="password"[^>]+autocomplete="new-password"/);
      const wrong = await agent
        .post('/staff/account/password')
        .type('form')
        .send({ _csrf: csrfTokenFrom(page.text), current: 'not my password at all', password: 'mulberry shade in osh', confirm: 'mulberry shade in osh' })
        .expect(400);
      expect(wrong.text).to.include('The current password is not right');
      expect((await knex('staff_users').where({ id: staff.id }).first()).failed_attempts).to.equal(1);
      const weak = await agent
        .post('/staff/account/password')
        .type('form')
        .send({ _csrf: csrfTokenFrom(wrong.text), current: staff.password, password: 'Ukuk-admin-2026!', confirm: 'Ukuk-admin-2026!' })
        .expect(400);
      expect(weak.text).to.include('mostly words of this service');
      const done = await agent
        .post('/staff/account/password')
        .type('form')
        .send({ _csrf: csrfTokenFrom(weak.text), current: staff.password, password: 'mulberry shade in osh', confirm: 'mulberry shade in osh' })
        .expect(303);
      expect(done.headers.location).to.equal('/staff/account?saved=password');
      expect((await agent.get(String(done.headers.location)).expect(200)).text).to.include('Your password is changed');
      expect((await elsewhere.get('/staff/account').expect(303)).headers.location).to.equal('/staff/login');
      expect(await knex('audit_events').where({ action: 'staff.password.changed', entity_id: String(staff.id) })).to.have.length(1);
      // The old password no longer opens the account; the new one does.
      const old = browser(app);
      const login = await old.get('/staff/login?lang=en').expect(200);
      expect(
        (
          await old
            .post('/staff/login')
            .type('form')
            .send({ _csrf: csrfTokenFrom(login.text), email: staff.email, password: staff.password })
        ).status,
      ).to.equal(400);
      await signInWithRecoveryCode(app, staff.email, 'mulberry shade in osh', staff.recoveryCodes[0]!);
    });

    it('signs out everywhere else on request, and an admin can end every session of an account', async () => {
      const { agent, staff } = await signedInStaff(app, 'auditor');
      const elsewhere = await signInAgain(app, staff, 1);
      await staffPost(agent, '/staff/account', '/staff/account/sessions', {}, 303);
      await agent.get('/staff/account').expect(200);
      expect((await elsewhere.get('/staff/account').expect(303)).headers.location).to.equal('/staff/login');
      const again = await signInWithRecoveryCode(app, staff.email, staff.password, staff.recoveryCodes[0]!);
      await staffPost(admin, `/staff/users/${String(staff.id)}`, `/staff/users/${String(staff.id)}/sessions`, {}, 303);
      expect((await again.get('/staff/account').expect(303)).headers.location).to.equal('/staff/login');
      expect((await agent.get('/staff/account').expect(303)).headers.location).to.equal('/staff/login');
      expect(
        await testDatabase()
          .knex('audit_events')
          .where({ action: 'staff.sessions.ended', entity_id: String(staff.id) }),
      ).to.have.length(2);
    });

    it('signing out asks the browser to clear what it kept of the back office or the case', async () => {
      const { agent } = await signedInStaff(app, 'auditor');
      const page = await agent.get('/staff/account').expect(200);
      const out = await agent
        .post('/staff/logout')
        .type('form')
        .send({ _csrf: csrfTokenFrom(page.text) })
        .expect(303);
      expect(out.headers['clear-site-data']).to.equal('"cache", "storage"');
      const made = await createCase();
      const citizen = browser(app);
      const signIn = await citizen.get('/en/track').expect(200);
      await citizen
        .post('/en/track')
        .type('form')
        .send({ _csrf: csrfTokenFrom(signIn.text), reference: made.reference, accessCode: made.code })
        .expect(303);
      const space = await citizen.get('/en/track/case').expect(200);
      const signedOut = await citizen
        .post('/en/track/sign-out')
        .type('form')
        .send({ _csrf: csrfTokenFrom(space.text) })
        .expect(303);
      expect(signedOut.headers['clear-site-data']).to.equal('"cache", "storage"');
    });
  });

  describe('npm run staff:create', () => {
    let varDir: string;
    beforeEach(() => {
      varDir = mkdtempSync(path.join(tmpdir(), 'ukuk-cli-'));
    });
    afterEach(() => {
      rmSync(varDir, { recursive: true, force: true });
    });

    const create = (env: Record<string, string>) =>
      run(
        `${ROOT}/node_modules/.bin/node`,
        ['src/cli/staff-create.ts', '--email', `cli.${String(Date.now())}.${String(Math.random()).slice(2, 8)}@agency.example.kg`, '--role', 'editor'],
        {
          cwd: ROOT,
          env: { PATH: process.env.PATH ?? '', ...TEST_ENV, VAR_DIR: varDir, ...env },
        },
      );

    it('says which database it writes to, and links to the port the running portal really uses', async () => {
      writeFileSync(
        path.join(varDir, 'portal.json'),
        JSON.stringify({
          pid: process.pid,
          publicUrl: 'http://localhost:3102',
          database: `${new URL(testDatabase().url).hostname}:${new URL(testDatabase().url).port}${new URL(testDatabase().url).pathname} (DATABASE_URL)`,
        }),
      );
      const { stdout } = await create({ DATABASE_URL: testDatabase().url });
      expect(stdout).to.include(
        `Database: ${new URL(testDatabase().url).hostname}:${new URL(testDatabase().url).port}${new URL(testDatabase().url).pathname} (DATABASE_URL)`,
      );
      expect(stdout).not.to.include(new URL(testDatabase().url).password || 'no-password-in-url');
      expect(stdout).to.match(/^http:\/\/localhost:3102\/staff\/setup\/[\w-]{40,}$/m);
      // A configured PUBLIC_URL wins.
      const configured = await create({ DATABASE_URL: testDatabase().url, PUBLIC_URL: 'https://ukuk.example.kg' });
      expect(configured.stdout).to.match(/^https:\/\/ukuk\.example\.kg\/staff\/setup\/[\w-]{40,}$/m);
    });

    it('refuses, naming both databases, when the running portal uses another one', async () => {
      writeFileSync(
        path.join(varDir, 'portal.json'),
        JSON.stringify({ pid: process.pid, publicUrl: 'http://localhost:3102', database: 'db.internal:5432/ukuk (DATABASE_URL)' }),
      );
      const failed = await create({ DATABASE_URL: testDatabase().url }).then(
        () => undefined,
        (error: unknown) => error as { code: number; stderr: string },
      );
      expect(failed?.code).to.equal(1);
      expect(failed?.stderr).to.include('The portal running at http://localhost:3102');
      expect(failed?.stderr).to.include('db.internal:5432/ukuk');
      expect(failed?.stderr).to.include('Nothing was created');
      // Without DATABASE_URL it would start its own embedded database: it says so and stops before that.
      const embedded = await create({}).then(
        () => undefined,
        (error: unknown) => error as { code: number; stderr: string },
      );
      expect(embedded?.code).to.equal(1);
      expect(embedded?.stderr).to.include(`embedded PostgreSQL in ${path.join(varDir, 'pgdata')}`);
    });
  });
});

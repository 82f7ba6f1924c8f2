import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect } from 'chai';
import type { Express } from 'express';
import { buildApp, TEST_ENV } from '../support/app.ts';
import { browser, csrfTokenFrom, setCookies } from '../support/browser.ts';
import { testDatabase } from '../support/database.ts';
import { ROOT } from '../support/env.ts';
import { newStaffAccount, signedInStaff, signInAgain, staffOfRole, staffPost, totpCode } from '../support/staff.ts';

const run = promisify(execFile);

async function auditActions(entityId: number): Promise<string[]> {
  return testDatabase()
    .knex('audit_events')
    .where({ entity_type: 'staff', entity_id: String(entityId) })
    .orderBy('id')
    .pluck('action');
}

async function loginWithPassword(app: Express, email: string, password: string) {
  const agent = browser(app);
  const page = await agent.get('/staff/login?lang=en').expect(200);
  const response = await agent
    .post('/staff/login')
    .type('form')
    .send({ _csrf: csrfTokenFrom(page.text), email, password });
  return { agent, response };
}

describe('staff sign-in', () => {
  let app: Express;
  before(async () => {
    app = await buildApp();
  });

  it('npm run staff:create prints a single-use set-up link that lets the new user choose a password', async () => {
    const email = `created.${String(Date.now())}@agency.example.kg`;
    const { stdout } = await run(
      `${ROOT}/node_modules/.bin/node`,
      ['src/cli/staff-create.ts', '--email', email, '--role', 'admin', '--name', 'Айгерим Садыкова'],
      {
        cwd: ROOT,
        env: { ...process.env, ...TEST_ENV, DATABASE_URL: testDatabase().url },
      },
    );
    const link = /http:\/\/\S+\/staff\/setup\/([\w-]+)/.exec(stdout);
    expect(stdout).to.include('valid 24 hours');
    expect(link?.[1]).to.be.a('string');
    const agent = browser(app);
    const page = await agent.get(`/staff/setup/${link?.[1] ?? ''}?lang=en`).expect(200);
    expect(page.text).to.include(email);
    // A weak password is refused beside the field, nothing is set.
    const weak = await agent
      .post(`/staff/setup/${link?.[1] ?? ''}?lang=en`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text), password: 'password1234', confirm: 'password1234' })
      .expect(400);
    expect(weak.text).to.include('This password is too common');
    expect(weak.text).to.include('href="#password"');
    const mismatch = await agent
      .post(`/staff/setup/${link?.[1] ?? ''}?lang=en`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(weak.text), password: 'a long enough phrase here', confirm: 'a different phrase here' })
      .expect(400);
    expect(mismatch.text).to.include('The two passwords are not the same');
    await agent
      .post(`/staff/setup/${link?.[1] ?? ''}`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(mismatch.text), password: 'snow on the mountain tops', confirm: 'snow on the mountain tops' })
      .expect(303);
    // Single use: the link is dead now.
    await agent.get(`/staff/setup/${link?.[1] ?? ''}`).expect(404);
    const row = await testDatabase().knex('staff_users').whereRaw('lower(email) = ?', [email]).first();
    expect(row.password_hash).to.match(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(await auditActions(row.id)).to.deep.equal(['staff.created', 'staff.password.set']);
  });

  it('enrols TOTP at first login (QR code and manual key), shows ten recovery codes once, and rotates the session id', async () => {
    const account = await newStaffAccount('case_officer');
    const agent = browser(app);
    const setup = await agent.get(`/staff/setup/${account.token}?lang=en`).expect(200);
    await agent
      .post(`/staff/setup/${account.token}`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(setup.text), password: 'walnut orchard in autumn', confirm: 'walnut orchard in autumn' })
      .expect(303);
    const loginPage = await agent.get('/staff/login').expect(200);
    const before = setCookies(loginPage).join(';');
    const afterPassword = await agent
      .post('/staff/login')
      .type('form')
      .send({ _csrf: csrfTokenFrom(loginPage.text), email: account.email.toUpperCase(), password: 'walnut orchard in autumn' })
      .expect(303);
    expect(afterPassword.headers.location).to.equal('/staff/enrol');
    const rotated = setCookies(afterPassword).join(';');
    expect(rotated).to.match(/ukuk\.sid=/);
    expect(rotated).not.to.equal(before);
    // Not signed in yet: the back office still sends you to the login.
    expect((await agent.get('/staff/cases').expect(303)).headers.location).to.equal('/staff/login');
    const enrol = await agent.get('/staff/enrol').expect(200);
    expect(enrol.text).to.include('<svg');
    const secret = (/<p class="manual-key"><code>([A-Z2-7 ]+)<\/code>/.exec(enrol.text)?.[1] ?? '').replace(/ /g, '');
    const wrong = await agent
      .post('/staff/enrol')
      .type('form')
      .send({ _csrf: csrfTokenFrom(enrol.text), code: '000000' })
      .expect(400);
    expect(wrong.text).to.include('The code is not right');
    const done = await agent
      .post('/staff/enrol')
      .type('form')
      .send({ _csrf: csrfTokenFrom(wrong.text), code: totpCode(secret) })
      .expect(200);
    expect([...done.text.matchAll(/<li><code>[a-z0-9-]{14}<\/code><\/li>/g)]).to.have.length(10);
    expect(done.headers['cache-control']).to.equal('no-store');
    await agent.get('/staff/cases').expect(200);
    const stored = await testDatabase().knex('staff_recovery_codes').where({ staff_id: account.id }).pluck('code_hash');
    expect(stored).to.have.length(10);
    for (const hash of stored) expect(done.text).not.to.include(hash);
    expect(await auditActions(account.id)).to.include.members(['staff.totp.enrolled', 'staff.login.succeeded']);
  });

  it('asks for a code at every login, accepts each code once, and each recovery code once', async () => {
    const { staff } = await signedInStaff(app, 'supervisor');
    // The enrolment code's time step is used: the same code cannot sign in again.
    const replay = browser(app);
    const loginPage = await replay.get('/staff/login?lang=en').expect(200);
    await replay
      .post('/staff/login')
      .type('form')
      .send({ _csrf: csrfTokenFrom(loginPage.text), email: staff.email, password: staff.password })
      .expect(303);
    const codePage = await replay.get('/staff/login/code').expect(200);
    const refused = await replay
      .post('/staff/login/code')
      .type('form')
      .send({ _csrf: csrfTokenFrom(codePage.text), code: staff.enrolmentCode })
      .expect(400);
    expect(refused.text).to.include('The details are not right');
    // A recovery code works, once.
    const recovery = staff.recoveryCodes[0] ?? '';
    await replay
      .post('/staff/login/code')
      .type('form')
      .send({ _csrf: csrfTokenFrom(refused.text), code: recovery.toUpperCase() })
      .expect(303);
    await replay.get('/staff/cases').expect(200);
    const again = browser(app);
    const page2 = await again.get('/staff/login?lang=en').expect(200);
    await again
      .post('/staff/login')
      .type('form')
      .send({ _csrf: csrfTokenFrom(page2.text), email: staff.email, password: staff.password })
      .expect(303);
    const code2 = await again.get('/staff/login/code').expect(200);
    await again
      .post('/staff/login/code')
      .type('form')
      .send({ _csrf: csrfTokenFrom(code2.text), code: recovery })
      .expect(400);
    // The next time step's code works.
    await signInAgain(app, staff, 1);
    const methods = await testDatabase()
      .knex('audit_events')
      .where({ action: 'staff.login.succeeded', entity_id: String(staff.id) })
      .orderBy('id')
      .pluck('details');
    expect(methods.map((details: { method: string }) => details.method)).to.deep.equal(['enrolment', 'recovery_code', 'totp']);
  });

  it('answers every failure with one generic message, and locks the account after five failures', async () => {
    const { staff } = await signedInStaff(app, 'case_officer');
    const unknown = await loginWithPassword(app, 'nobody@agency.example.kg', 'whatever it is here');
    expect(unknown.response.status).to.equal(400);
    const generic = 'The details are not right, or sign-in is paused for this account after too many attempts';
    expect(unknown.response.text).to.include(generic);
    for (let attempt = 0; attempt < 5; attempt++) {
      const wrong = await loginWithPassword(app, staff.email, `wrong password ${String(attempt)}!`);
      expect(wrong.response.status).to.equal(400);
      expect(wrong.response.text).to.include(generic);
    }
    // Locked: even the right password gets the same answer.
    const locked = await loginWithPassword(app, staff.email, staff.password);
    expect(locked.response.status).to.equal(400);
    expect(locked.response.text).to.include(generic);
    const actions = await auditActions(staff.id);
    expect(actions.filter((action) => action === 'staff.login.failed')).to.have.length(6);
    expect(actions).to.include('staff.login.locked');
    const unknownFailure = await testDatabase()
      .knex('audit_events')
      .where({ action: 'staff.login.failed' })
      .whereNull('entity_id')
      .orderBy('id', 'desc')
      .first();
    expect(unknownFailure.details).to.deep.equal({ step: 'password', reason: 'unknown_account' });
    expect(JSON.stringify(unknownFailure)).not.to.include('nobody@');
  });

  it('throttles sign-in attempts per address', async () => {
    const throttled = await buildApp();
    let last = 0;
    for (let attempt = 0; attempt < 31; attempt++) {
      const agent = browser(throttled);
      const page = await agent.get('/staff/login').expect(200);
      last = (
        await agent
          .post('/staff/login')
          .type('form')
          .send({ _csrf: csrfTokenFrom(page.text), email: 'x@agency.example.kg', password: 'not the password' })
      ).status;
    }
    expect(last).to.equal(429);
  });

  it('ends the session on the server at logout: the old cookie replayed gets nothing', async () => {
    const { agent } = await signedInStaff(app, 'auditor');
    const page = await agent.get('/staff/cases').expect(200);
    const cookie = (setCookies(page)[0] ?? '').split(';')[0] ?? '';
    await agent
      .post('/staff/logout')
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text) })
      .expect(303);
    const replay = await browser(app).get('/staff/cases').set('Cookie', cookie).expect(303);
    expect(replay.headers.location).to.equal('/staff/login');
  });

  it('signs out after 30 minutes idle and after 12 hours in all', async () => {
    const { agent, staff } = await signedInStaff(app, 'auditor');
    const { knex } = testDatabase();
    const age = async (field: 'lastSeen' | 'loginAt', ms: number) => {
      await knex.raw(`update sessions set sess = jsonb_set(sess::jsonb, ?, to_jsonb(?::bigint))::json where sess -> 'staff' ->> 'id' = ?`, [
        `{staff,${field}}`,
        Date.now() - ms,
        String(staff.id),
      ]);
    };
    await agent.get('/staff/cases').expect(200);
    await age('lastSeen', 31 * 60 * 1000);
    expect((await agent.get('/staff/cases').expect(303)).headers.location).to.equal('/staff/login?expired=1');
    const second = await signInAgain(app, staff, 1);
    await second.get('/staff/cases').expect(200);
    await age('loginAt', 12 * 60 * 60 * 1000 + 1000);
    expect((await second.get('/staff/cases').expect(303)).headers.location).to.equal('/staff/login?expired=1');
  });

  it('Given a signed-in officer, When an admin disables the account, Then its sessions end at once and it cannot sign in until enabled', async () => {
    const { agent: admin } = await staffOfRole(app, 'admin');
    const { agent: officer, staff } = await signedInStaff(app, 'case_officer');
    await officer.get('/staff/cases').expect(200);
    await staffPost(admin, `/staff/users/${String(staff.id)}`, `/staff/users/${String(staff.id)}/disable`, {}, 303);
    expect((await officer.get('/staff/cases').expect(303)).headers.location).to.equal('/staff/login');
    expect(
      await testDatabase()
        .knex('sessions')
        .whereRaw(`sess -> 'staff' ->> 'id' = ?`, [String(staff.id)])
        .count('* as n')
        .first(),
    ).to.deep.equal({ n: 0 });
    const refused = await loginWithPassword(app, staff.email, staff.password);
    expect(refused.response.status).to.equal(400);
    await staffPost(admin, `/staff/users/${String(staff.id)}`, `/staff/users/${String(staff.id)}/enable`, {}, 303);
    expect(await auditActions(staff.id)).to.include.members(['staff.disabled', 'staff.enabled']);
  });

  it('When an admin asks for a role that reads personal data and a supervisor approves, Then the role changes and the change is audited', async () => {
    const { agent: admin } = await staffOfRole(app, 'admin');
    const staff = await newStaffAccount('case_officer');
    // A role that reads personal data takes a second person: a supervisor approves the admin's request.
    await staffPost(admin, `/staff/users/${String(staff.id)}`, `/staff/users/${String(staff.id)}/role`, { role: 'supervisor' }, 303);
    const { agent: supervisor } = await staffOfRole(app, 'supervisor');
    const request = await testDatabase().knex('staff_access_requests').where({ staff_id: staff.id }).whereNull('outcome').first();
    await staffPost(supervisor, '/staff/users/requests', `/staff/users/requests/${String(request.id)}/approve`, {}, 303);
    const changed = await testDatabase()
      .knex('audit_events')
      .where({ action: 'staff.role.changed', entity_id: String(staff.id) })
      .first();
    expect(changed.details).to.deep.equal({ from: 'case_officer', to: 'supervisor' });
    expect(await auditActions(staff.id)).to.include.members(['staff.role.changed']);
  });

  it('lets an admin add a user, showing the set-up link once', async () => {
    const { agent: admin } = await staffOfRole(app, 'admin');
    const invalid = await staffPost(admin, '/staff/users/new', '/staff/users', { displayName: '', email: 'not-an-email', role: 'wizard', language: 'ru' }, 400);
    expect(invalid.text).to.include('Enter the person');
    expect(invalid.text).to.include('Choose a role');
    expect(invalid.text).to.include('value="not-an-email"');
    const created = await staffPost(
      admin,
      '/staff/users/new',
      '/staff/users',
      { displayName: 'Бакыт Асанов', email: `bakyt.${String(Date.now())}@agency.example.kg`, role: 'editor', language: 'ky' },
      201,
    );
    expect(created.text).to.match(/\/staff\/setup\/[\w-]{40,}/);
  });

  it('lets staff choose the interface language', async () => {
    const { agent } = await signedInStaff(app, 'case_officer', 'en');
    expect((await agent.get('/staff/cases').expect(200)).text).to.include('<html lang="en">');
    await staffPost(agent, '/staff/account', '/staff/account/language', { language: 'ru' }, 303);
    expect((await agent.get('/staff/cases').expect(200)).text).to.include('<html lang="ru">');
  });
});

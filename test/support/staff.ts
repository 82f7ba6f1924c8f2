/**
 * Staff members for tests, made the way real ones are: an account with a set-up link (the portal's own
 * service), a password set through the link page, and TOTP enrolment through the first login — reading the
 * manual key off the page as a person would type it into their app.
 */
import type { Express } from 'express';
import { expect } from 'chai';
import { createStaff, staffKeys } from '../../src/features/staff/accounts.ts';
import type { StaffRole } from '../../src/features/staff/permissions.ts';
import { currentCode } from '../../src/features/staff/totp.ts';
import { browser, csrfTokenFrom, setCookies, type Agent } from './browser.ts';
import { testConfig } from './app.ts';
import { testDatabase } from './database.ts';

let counter = 0;
/** What a process spent on staff accounts, printed at its end with UKUK_TEST_STAFF_COUNT=1 (to keep it small). */
const spent = { accounts: 0, signIns: 0, signInsAgain: 0 };
if (process.env.UKUK_TEST_STAFF_COUNT) {
  process.on('exit', () => {
    process.stdout.write(
      `staff accounts created: ${String(spent.accounts)}, full sign-ins: ${String(spent.signIns)}, sign-ins again: ${String(spent.signInsAgain)}\n`,
    );
  });
}

export interface TestStaff {
  id: number;
  email: string;
  password: string;
  role: StaffRole;
  secret: string;
  /** The code used at enrolment (its time step is spent). */
  enrolmentCode: string;
  recoveryCodes: string[];
}

/** A new account and its set-up token (nothing set yet). */
export async function newStaffAccount(role: StaffRole, language: 'ky' | 'ru' | 'en' = 'en'): Promise<{ id: number; email: string; token: string }> {
  counter++;
  spent.accounts++;
  const email = `staff${String(counter)}.${String(Date.now())}@agency.example.kg`;
  const created = await createStaff(
    { knex: testDatabase().knex, keys: staffKeys(testConfig().dataEncryptionKey) },
    { email, display_name: `Test ${role} ${String(counter)}`, role, language },
    { type: 'system', id: null, requestId: null },
  );
  if ('problem' in created) throw new Error('could not create staff');
  return { id: created.id, email, token: created.token };
}

/** The code an authenticator shows `offsetSteps` steps from now (each login in a test uses a fresh step). */
export function totpCode(secret: string, offsetSteps = 0): string {
  return currentCode(secret, Date.now() + offsetSteps * 30_000);
}

/**
 * A new account of the test's own: sets the password via the set-up link page, then logs in and enrols TOTP.
 * Returns the signed-in agent. For tests about signing in, or that change the account (role, password,
 * language, sessions, disabling) or count what it did; any other test takes `staffOfRole`.
 */
export async function signedInStaff(app: Express, role: StaffRole, language: 'ky' | 'ru' | 'en' = 'en'): Promise<{ agent: Agent; staff: TestStaff }> {
  const account = await newStaffAccount(role, language);
  spent.signIns++;
  const password = `correct horse battery ${String(counter)} staple`;
  const agent = browser(app);
  const setupPage = await agent.get(`/staff/setup/${account.token}?lang=${language}`).expect(200);
  await agent
    .post(`/staff/setup/${account.token}`)
    .type('form')
    .send({ _csrf: csrfTokenFrom(setupPage.text), password, confirm: password })
    .expect(303);
  const loginPage = await agent.get('/staff/login').expect(200);
  const afterPassword = await agent
    .post('/staff/login')
    .type('form')
    .send({ _csrf: csrfTokenFrom(loginPage.text), email: account.email, password })
    .expect(303);
  expect(afterPassword.headers.location).to.equal('/staff/enrol');
  const enrolPage = await agent.get('/staff/enrol').expect(200);
  const secret = (/<p class="manual-key"><code>([A-Z2-7 ]+)<\/code>/.exec(enrolPage.text)?.[1] ?? '').replace(/ /g, '');
  expect(secret).to.have.length.greaterThan(20);
  const enrolmentCode = totpCode(secret);
  const enrolled = await agent
    .post('/staff/enrol')
    .type('form')
    .send({ _csrf: csrfTokenFrom(enrolPage.text), code: enrolmentCode })
    .expect(200);
  const recoveryCodes = [...enrolled.text.matchAll(/<li><code>([a-z0-9-]{14})<\/code><\/li>/g)].map((match) => match[1] ?? '');
  expect(recoveryCodes).to.have.length(10);
  return { agent, staff: { id: account.id, email: account.email, password, role, secret, enrolmentCode, recoveryCodes } };
}

/** Signs an existing, enrolled staff member in again with a TOTP code from a later step. */
export async function signInAgain(app: Express, staff: TestStaff, offsetSteps = 1): Promise<Agent> {
  spent.signInsAgain++;
  const agent = browser(app);
  const loginPage = await agent.get('/staff/login?lang=en').expect(200);
  await agent
    .post('/staff/login')
    .type('form')
    .send({ _csrf: csrfTokenFrom(loginPage.text), email: staff.email, password: staff.password })
    .expect(303);
  const codePage = await agent.get('/staff/login/code').expect(200);
  await agent
    .post('/staff/login/code')
    .type('form')
    .send({ _csrf: csrfTokenFrom(codePage.text), code: totpCode(staff.secret, offsetSteps) })
    .expect(303);
  return agent;
}

/** GET a staff page, then POST a form on it (its CSRF token) to `action`; checks the status when given. */
export async function staffPost(agent: Agent, pageUrl: string, action: string, fields: Record<string, string | string[]>, status?: number) {
  const page = await agent.get(pageUrl).expect(200);
  const response = await agent
    .post(action)
    .type('form')
    .send({ ...fields, _csrf: csrfTokenFrom(page.text) });
  if (status !== undefined) expect(response.status, `POST ${action}`).to.equal(status);
  return response;
}

const shared = new Map<string, Promise<{ staff: TestStaff; cookie: string }>>();

/**
 * A signed-in staff member of this role and language shared by every test of the run: made and signed in once,
 * on first use, then handed to each caller as a new browser for its app holding the same session (sessions live
 * in the database, so any app of the run knows it). Each sign-in costs argon2 hashes; the run needs only a few.
 * A test must not change this account or its session (sign out, role, password, language): those take
 * `signedInStaff`. Not for apps with secure cookies (their session cookie has another name).
 */
export async function staffOfRole(app: Express, role: StaffRole, language: 'ky' | 'ru' | 'en' = 'en'): Promise<{ agent: Agent; staff: TestStaff }> {
  const key = `${role}/${language}`;
  let entry = shared.get(key);
  if (!entry) {
    entry = (async () => {
      const { agent, staff } = await signedInStaff(app, role, language);
      const page = await agent.get('/staff/account').expect(200);
      const cookie = setCookies(page)
        .map((header) => header.split(';')[0] ?? '')
        .find((pair) => pair.startsWith('ukuk.sid='));
      if (!cookie) throw new Error('staffOfRole: no ukuk.sid session cookie (an app with secure cookies? use signedInStaff)');
      return { staff, cookie };
    })();
    shared.set(key, entry);
    entry.catch(() => shared.delete(key));
  }
  const { staff, cookie } = await entry;
  const agent = browser(app);
  // supertest serves each app on 127.0.0.1; the jar then sends the cookie as it would after a sign-in.
  agent.jar.setCookies([`${cookie}; Path=/; HttpOnly`], '127.0.0.1', '/');
  return { agent, staff };
}

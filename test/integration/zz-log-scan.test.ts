import { existsSync, readFileSync } from 'node:fs';
import { expect } from 'chai';
import { TEST_LOG_FILE } from '../support/app.ts';
import { testDatabase } from '../support/database.ts';

/**
 * Runs last (file order): every line the portal logged during the whole suite, scanned for what the tests typed
 * or were given — names, e-mail addresses, access codes, passwords, TOTP secrets, set-up and reset tokens.
 */
describe('the logs of the whole run', () => {
  it('hold none of the names, e-mails, access codes, passwords or tokens the tests used', async () => {
    expect(existsSync(TEST_LOG_FILE)).to.equal(true);
    const log = readFileSync(TEST_LOG_FILE, 'utf8');
    expect(log.split('\n').length).to.be.greaterThan(50);
    const { knex } = testDatabase();
    const names = await knex('case_parties').whereNotNull('full_name').distinct().pluck<string[]>('full_name');
    const emails = [...(await knex('case_parties').whereNotNull('email').distinct().pluck<string[]>('email')), ...(await knex('staff_users').pluck<string[]>('email'))];
    expect(names.length + emails.length).to.be.greaterThan(20);
    for (const value of [...names, ...emails]) expect(log, value).not.to.include(value);
    // Patterns: access codes, e-mail addresses of the test domains, argon2 hashes, long URL tokens in paths.
    expect(log).not.to.match(/([2-9A-HJ-NP-Z]{4}-){6}[2-9A-HJ-NP-Z]{4}/);
    expect(log).not.to.match(/\b\d{5}([ -]?\d{5}){4}\b/);
    expect(log).not.to.match(/[\w.+-]+@(example\.kg|agency\.example\.kg)/);
    expect(log).not.to.match(/\$argon2id\$/);
    expect(log).not.to.match(/\/(setup|reset)\/[\w-]{20,}/);
    for (const secretWord of ['correct horse battery', 'walnut orchard in autumn', 'snow on the mountain tops', 'password1234', '_csrf']) {
      expect(log, secretWord).not.to.include(secretWord);
    }
  });
});

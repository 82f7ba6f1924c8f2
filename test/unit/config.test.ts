import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../src/config.ts';

const made: string[] = [];
after(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempVar(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ukuk-config-'));
  made.push(dir);
  return dir;
}

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('names every invalid variable at once', () => {
    const problems = problemsOf({ VAR_DIR: tempVar(), PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', AUTHORITY_EMAIL: 'not-an-email' });
    const named = problems.map((problem) => problem.split(':')[0]);
    expect(named).to.include.members(['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'AUTHORITY_EMAIL']);
  });

  it('requires secrets, the database and the authority contacts in production', () => {
    const problems = problemsOf({ NODE_ENV: 'production', VAR_DIR: tempVar() });
    const named = problems.map((problem) => problem.split(':')[0]);
    expect(named).to.include.members(['DATABASE_URL', 'SESSION_SECRET', 'DATA_ENCRYPTION_KEY', 'AUTHORITY_EMAIL', 'AUTHORITY_NAME_KY']);
  });

  it('refuses a data encryption key that is not 32 bytes', () => {
    expect(problemsOf({ VAR_DIR: tempVar(), DATA_ENCRYPTION_KEY: Buffer.alloc(16).toString('base64') })[0]).to.match(/^DATA_ENCRYPTION_KEY: must be 32 bytes/);
  });

  it('generates development secrets once, keeps them private under VAR_DIR and reuses them', () => {
    const varDir = tempVar();
    const first = loadConfig({ VAR_DIR: varDir });
    const file = path.join(varDir, 'dev-secrets.json');
    expect(existsSync(file)).to.be.true;
    expect(statSync(file).mode & 0o777).to.equal(0o600);
    const second = loadConfig({ VAR_DIR: varDir });
    expect(second.sessionSecret).to.equal(first.sessionSecret);
    expect(second.dataEncryptionKey.equals(first.dataEncryptionKey)).to.be.true;
    expect(first.dataEncryptionKey).to.have.length(32);
    expect(readFileSync(file, 'utf8')).to.include(first.sessionSecret);
  });

  it('has working defaults for a newcomer: port 3000, loopback, embedded database', () => {
    const config = loadConfig({ VAR_DIR: tempVar() });
    expect(config.port).to.equal(3000);
    expect(config.host).to.equal('127.0.0.1');
    expect(config.databaseUrl).to.be.undefined;
    expect(config.secureCookies).to.be.false;
    expect(config.authority.name.ky).to.match(/агенттик$/);
  });

  it('reads TRUST_PROXY as express expects it', () => {
    const varDir = tempVar();
    expect(loadConfig({ VAR_DIR: varDir, TRUST_PROXY: 'true' }).trustProxy).to.equal(true);
    expect(loadConfig({ VAR_DIR: varDir, TRUST_PROXY: '2' }).trustProxy).to.equal(2);
    expect(loadConfig({ VAR_DIR: varDir, TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).to.equal('loopback, 10.0.0.0/8');
    expect(problemsOf({ VAR_DIR: varDir, TRUST_PROXY: '$(rm -rf)' })[0]).to.match(/^TRUST_PROXY/);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ VAR_DIR: tempVar(), DATABASE_URL: '', PORT: '' }).port).to.equal(3000);
  });
});

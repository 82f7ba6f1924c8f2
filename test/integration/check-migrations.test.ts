import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { ROOT } from '../support/database.ts';

const SCRIPT = path.join(ROOT, 'src', 'cli', 'check-migrations.ts');

/** `npm run lint`'s migrations step, run in a scratch repository with one merged migration. */
describe('the merged-migrations check', () => {
  let repo: string;
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'ignore' });
  const check = () => spawnSync(process.execPath, [SCRIPT], { cwd: repo, encoding: 'utf8' });

  beforeEach(() => {
    repo = mkdtempSync(path.join(tmpdir(), 'ukuk-migrations-'));
    mkdirSync(path.join(repo, 'migrations'));
    git('init', '-q');
    git('config', 'user.email', 'ci@example.kg');
    git('config', 'user.name', 'CI');
    writeFileSync(path.join(repo, 'migrations', '20260101000000_first.ts'), 'export async function up() {}\n');
    git('add', '.');
    git('commit', '-qm', 'first');
  });

  afterEach(() => rmSync(repo, { recursive: true, force: true }));

  it('passes a new migration', () => {
    writeFileSync(path.join(repo, 'migrations', '20260201000000_second.ts'), 'export async function up() {}\n');
    git('add', '.');
    git('commit', '-qm', 'second');
    expect(check().status).to.equal(0);
  });

  it('fails when a merged migration is edited, in the working tree or in the last commit', () => {
    appendFileSync(path.join(repo, 'migrations', '20260101000000_first.ts'), '// changed\n');
    const uncommitted = check();
    expect(uncommitted.status).to.equal(1);
    expect(uncommitted.stderr).to.include('migrations/20260101000000_first.ts');
    git('commit', '-qam', 'edit');
    expect(check().status).to.equal(1);
  });

  it('fails when a merged migration is deleted', () => {
    git('rm', '-q', 'migrations/20260101000000_first.ts');
    git('commit', '-qm', 'delete');
    expect(check().stderr).to.include('add a new migration instead');
  });
});

/**
 * `npm run lint` step: a merged migration is never edited. Compares migrations/ with the previous commit's tree
 * (and the working tree with the last commit): a migration that was changed, renamed or deleted fails, with the
 * advice to add a new migration instead. New migrations pass.
 */
import { execFileSync } from 'node:child_process';

function changed(args: string[]): string[] {
  const output = execFileSync('git', ['diff', '--name-status', '--no-renames', ...args, '--', 'migrations/'], { encoding: 'utf8' });
  return output
    .split('\n')
    .filter((line) => /^[MD]\t/.test(line))
    .map((line) => line.slice(2));
}

function inGitCheckout(): boolean {
  try {
    execFileSync('git', ['rev-parse', '--verify', 'HEAD'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function hasParent(): boolean {
  try {
    execFileSync('git', ['rev-parse', '--verify', 'HEAD~1'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

if (!inGitCheckout()) {
  process.stdout.write('check-migrations: not a git checkout, nothing to compare\n');
} else {
  const edited = new Set([...changed(['HEAD']), ...(hasParent() ? changed(['HEAD~1', 'HEAD']) : [])]);
  if (edited.size > 0) {
    process.stderr.write(`A merged migration was changed or removed (add a new migration instead):\n${[...edited].map((file) => `  ${file}\n`).join('')}`);
    process.exitCode = 1;
  } else {
    process.stdout.write('check-migrations: no merged migration changed\n');
  }
}

import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * What a started portal holds in memory: the modules its app loads (src/app.ts and everything it imports), listed in
 * a fresh process. Rarely used, heavy packages wait for their first use.
 */
async function packagesLoadedByTheApp(): Promise<string[]> {
  const script = [
    "import { createRequire } from 'node:module';",
    "await import('./src/app.ts');",
    'process.stdout.write(JSON.stringify(Object.keys(createRequire(import.meta.url).cache)));',
  ].join('\n');
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT });
  return (JSON.parse(stdout) as string[]).map((file) => path.relative(ROOT, file));
}

describe('what the portal loads when it starts', () => {
  it('leaves the common-password list (5 MB) and libvips (photos) until they are first needed', async () => {
    const loaded = await packagesLoadedByTheApp();
    expect(
      loaded.some((file) => file.startsWith('node_modules/argon2/')),
      'the list is there to compare with',
    ).to.equal(true);
    expect(loaded.filter((file) => file.includes('@zxcvbn-ts'))).to.deep.equal([]);
    expect(loaded.filter((file) => file.startsWith('node_modules/sharp/'))).to.deep.equal([]);
  });
});

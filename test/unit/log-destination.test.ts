import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { closeLog, createLogger, logDestination } from '../../src/http/logging.ts';

/** The file's lines so far (none while it does not exist yet). */
function linesOf(file: string): string[] {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
}

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('the log as the portal writes it (batched, in the background)', () => {
  it('gets a lone line out soon, without waiting for the batch to fill or the portal to stop', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'log-')), 'portal.log');
    const logger = createLogger('info', logDestination(file));
    logger.info('a quiet hour: one request');
    await waitFor(() => linesOf(file).length === 1);
    expect(JSON.parse(linesOf(file)[0] ?? '{}')).to.deep.include({ level: 30, service: 'ukuk', msg: 'a quiet hour: one request' });
    await closeLog(logger);
  });

  it('loses no line of a busy moment when the portal stops', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'log-')), 'portal.log');
    const logger = createLogger('info', logDestination(file));
    for (let index = 0; index < 5000; index++) logger.info({ index }, 'request');
    await closeLog(logger);
    const lines = linesOf(file);
    expect(lines).to.have.length(5000);
    expect(JSON.parse(lines[4999] ?? '{}')).to.deep.include({ index: 4999 });
  });
});

import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const TEST_VAR_DIR = path.join(ROOT, 'var');

/** The environment every test configuration starts from. */
export const TEST_ENV = {
  NODE_ENV: 'test',
  VAR_DIR: TEST_VAR_DIR,
  SESSION_SECRET: 'test-session-secret-test-session-secret-0123',
  DATA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
  LOG_LEVEL: 'info',
  // Case e-mails go out at once in tests; the batching test sets its own window.
  MAIL_BATCH_SECONDS: '0',
};

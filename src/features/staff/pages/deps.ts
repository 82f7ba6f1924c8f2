/** What the back office's own pages need: the database, the second factor's keys, the gate, and for users, e-mail. */
import type { Knex } from 'knex';
import type { Config } from '../../../config.ts';
import type { JobQueue } from '../../../jobs/queue.ts';
import type { RateLimiter } from '../../../http/rate-limit.ts';
import type { FormErrors } from '../../../http/validation.ts';
import type { StaffKeys } from '../accounts.ts';
import type { createStaffGate } from '../auth.ts';

export interface StaffAuthDeps {
  knex: Knex;
  keys: StaffKeys;
  config: Pick<Config, 'authority'>;
  limiter: RateLimiter;
  gate: ReturnType<typeof createStaffGate>;
}

export interface UsersDeps {
  knex: Knex;
  keys: StaffKeys;
  jobs: JobQueue;
  config: Pick<Config, 'publicUrl'>;
  gate: ReturnType<typeof createStaffGate>;
}

/** A form's one error, on `field`. */
export function fieldError(field: string, key: string): FormErrors {
  const error = { field, key, values: {} };
  return { list: [error], byField: { [field]: error } };
}

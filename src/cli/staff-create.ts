/**
 * `npm run staff:create -- --email X --role admin [--name "…"] [--language ky|ru|en]`: creates a staff
 * account and prints its single-use set-up link (valid 24 hours). The new user sets a password there,
 * then enrols an authenticator app at first login.
 *
 * It says which database it writes to, and refuses when a portal running on the same VAR_DIR uses another
 * one (an account made there could never sign in). Without PUBLIC_URL the link uses the port that portal
 * really listens on.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { LANGUAGES } from '../config.ts';
import { createStaff, SETUP_LINK_HOURS, staffKeys } from '../features/staff/accounts.ts';
import { STAFF_ROLES } from '../features/staff/permissions.ts';
import { embeddedDataDir } from '../db/database.ts';
import { describeDatabase, readRunningPortal } from '../db/instance.ts';
import { migrateLatest } from '../db/migrations.ts';
import { runWithDatabase } from './run-with-database.ts';

const USAGE = `Usage: npm run staff:create -- --email someone@example.org --role ${STAFF_ROLES.join('|')} [--name "Full Name"] [--language ky|ru|en]`;

const argsSchema = z.object({
  email: z.email({ error: 'give a valid --email' }).max(254),
  role: z.enum(STAFF_ROLES, { error: `give --role as one of ${STAFF_ROLES.join(', ')}` }),
  name: z.string().trim().min(1).max(120).optional(),
  language: z.enum(LANGUAGES, { error: 'give --language as ky, ru or en' }).default('ky'),
});

let parsed: z.output<typeof argsSchema>;
try {
  const { values } = parseArgs({
    options: { email: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' }, language: { type: 'string' } },
    strict: true,
  });
  const result = argsSchema.safeParse(values);
  if (!result.success) {
    process.stderr.write(`${result.error.issues.map((issue) => issue.message).join('\n')}\n${USAGE}\n`);
    process.exit(1);
  }
  parsed = result.data;
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
  process.exit(1);
}

function otherDatabase(portal: { publicUrl: string; pid: number; database: string }, ours: string): string {
  return [
    `The portal running at ${portal.publicUrl} (process ${String(portal.pid)}) uses the database ${portal.database},`,
    `but this command would use ${ours}. Nothing was created.`,
    'Run it with the DATABASE_URL the portal uses (or stop that portal, or delete VAR_DIR/portal.json if no portal is running).',
  ].join('\n');
}

await runWithDatabase(
  async ({ knex, url, config, print }) => {
    const database = describeDatabase(config, url);
    const running = readRunningPortal(config.varDir);
    if (running && running.database !== database) {
      process.stderr.write(`${otherDatabase(running, database)}\n`);
      return 1;
    }
    print(`Database: ${database}`);
    await migrateLatest(knex);
    const keys = staffKeys(config.dataEncryptionKey);
    const created = await createStaff(
      { knex, keys },
      { email: parsed.email, display_name: parsed.name ?? parsed.email.split('@')[0] ?? parsed.email, role: parsed.role, language: parsed.language },
      { type: 'system', id: null, requestId: null },
    );
    if ('problem' in created) {
      process.stderr.write(`A staff account with that e-mail already exists.\n`);
      return 1;
    }
    print(`Created ${parsed.role} account ${created.id}.`);
    print(`Set-up link (single use, valid ${SETUP_LINK_HOURS} hours) — give it to its owner only:`);
    const base = config.publicUrlSet ? config.publicUrl : (running?.publicUrl ?? config.publicUrl);
    print(`${base}/staff/setup/${created.token}`);
    return 0;
  },
  // Without DATABASE_URL the command would start the embedded server: not when the running portal uses another.
  (config) => {
    const running = readRunningPortal(config.varDir);
    return running && !config.databaseUrl && !running.database.startsWith('embedded')
      ? otherDatabase(running, `embedded PostgreSQL in ${embeddedDataDir(config)}`)
      : undefined;
  },
);

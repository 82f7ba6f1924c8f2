/**
 * Shared frame for the portal's commands: read the configuration, open the database (starting the embedded
 * server when DATABASE_URL is unset), run the task, close everything, exit with a meaningful code.
 */
import type { Knex } from 'knex';
import { ConfigError, loadConfig, type Config } from '../config.ts';
import { openDatabase } from '../db/database.ts';

export type Print = (message: string) => void;

export interface CommandContext {
  knex: Knex;
  /** Connection URL (with credentials: never print it). */
  url: string;
  config: Config;
  print: Print;
}

/**
 * `refuse`, when given, looks at the configuration before any database is opened (or an embedded one started)
 * and returns the reason not to go on, if there is one.
 */
export async function runWithDatabase(
  task: (context: CommandContext) => Promise<number | undefined>,
  refuse?: (config: Config) => string | undefined,
): Promise<never> {
  const print: Print = (message) => process.stdout.write(`${message}\n`);
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
    process.exit(1);
  }
  const reason = refuse?.(config);
  if (reason) {
    process.stderr.write(`${reason}\n`);
    process.exit(1);
  }
  const database = await openDatabase(config, print);
  let code: number;
  try {
    code = (await task({ knex: database.knex, url: database.url, config, print })) ?? 0;
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    code = 1;
  } finally {
    await database.close();
  }
  process.exit(code);
}

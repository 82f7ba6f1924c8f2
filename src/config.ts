/* eslint-disable max-lines -- every environment variable in one zod schema: a setting is looked up, validated and documented in one place. */
/**
 * The one place the environment is read. Every variable is validated with zod at start-up; a bad or missing
 * value stops the process with a message naming each variable, so a misconfigured server never half-starts.
 *
 * In development and test the two secrets are generated once and kept under VAR_DIR (git-ignored), so a
 * newcomer needs no `.env`; in production they must be provided.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

export const LANGUAGES = ['ky', 'ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const trustProxy = z
  .string()
  .trim()
  .transform((value, ctx): boolean | number | string => {
    if (value === '' || value === 'false') return false;
    if (value === 'true') return true;
    if (/^\d+$/.test(value)) return Number(value);
    if (/^[\w.:/, -]+$/.test(value)) return value;
    ctx.addIssue({ code: 'custom', message: 'use false, true, a hop count, or addresses/subnets (loopback, 10.0.0.0/8)' });
    return z.NEVER;
  });

const postgresUrl = z
  .string()
  .trim()
  .refine((value) => /^postgres(ql)?:\/\/.+/.test(value), 'must be a postgres:// connection URL');

const base64Key = z
  .string()
  .trim()
  .refine((value) => Buffer.from(value, 'base64').length === 32, 'must be 32 bytes encoded as base64 (openssl rand -base64 32)');

const optionalText = z.string().trim().min(1).optional();

const MEGABYTE = 1024 * 1024;

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: optionalText,
  VAR_DIR: z.string().trim().min(1).default('var'),
  DATABASE_URL: postgresUrl.optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(2).max(200).default(10),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  DATA_ENCRYPTION_KEY: base64Key.optional(),
  TRUST_PROXY: trustProxy.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  RATE_LIMIT_STORE: z.enum(['memory', 'postgres']).default('memory'),
  CASE_SIGN_IN_CAP: z.coerce.number().int().min(10).max(100_000).default(300),
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be the http(s) address citizens use, e.g. https://ukuk.gov.kg' }).optional(),
  SMTP_URL: z
    .string()
    .trim()
    .regex(/^smtps?:\/\/.+/, 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().trim().min(3).optional(),
  SMS_URL: z.url({ protocol: /^https?$/, error: 'must be the http(s) address of the SMS gateway' }).optional(),
  SMS_TOKEN: z.string().trim().min(8, 'must be at least 8 characters').optional(),
  SMS_SENDER: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9 .-]{1,11}$/, 'must be at most 11 Latin letters or digits (an alphanumeric sender name)')
    .default('Ukuk'),
  LETTER_REPLY_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  CLAMAV_HOST: optionalText,
  CLAMAV_PORT: z.coerce.number().int().min(1).max(65535).default(3310),
  UPLOAD_MAX_FILE_MB: z.coerce.number().int().min(1).max(100).default(10),
  UPLOAD_MAX_FILES: z.coerce.number().int().min(1).max(20).default(5),
  UPLOAD_QUOTA_DRAFT_MB: z.coerce.number().int().min(1).max(2000).default(60),
  UPLOAD_QUOTA_CASE_MB: z.coerce.number().int().min(1).max(10000).default(200),
  UPLOAD_QUOTA_ADDRESS_MB_PER_HOUR: z.coerce.number().int().min(1).max(10000).default(200),
  UPLOAD_CONCURRENT: z.coerce.number().int().min(1).max(200).default(16),
  UPLOAD_CONCURRENT_PER_ADDRESS: z.coerce.number().int().min(1).max(50).default(3),
  UPLOAD_TMP_DIR: optionalText,
  REQUEST_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
  HEADERS_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(300).default(10),
  REGISTRATION_WORKING_DAYS: z.coerce.number().int().min(1).max(30).default(1),
  ANSWER_WORKING_DAYS: z.coerce.number().int().min(1).max(90).default(14),
  TRIAGE_TARGET_WORKING_DAYS: z.coerce.number().int().min(1).max(90).default(10),
  INFORMATION_REPLY_WORKING_DAYS: z.coerce.number().int().min(1).max(90).default(10),
  MAIL_BATCH_SECONDS: z.coerce.number().int().min(0).max(3600).default(600),
  RETENTION_COMPLAINT_YEARS: z.coerce.number().int().min(1).max(50).default(5),
  RETENTION_BREACH_YEARS: z.coerce.number().int().min(1).max(50).default(5),
  RETENTION_REPORT_YEARS: z.coerce.number().int().min(1).max(50).default(3),
  RETENTION_REGISTRATION_YEARS: z.coerce.number().int().min(1).max(50).default(1),
  RETENTION_DRAFT_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  RETENTION_UPLOAD_HOURS: z.coerce.number().int().min(1).max(720).default(24),
  CONTENT_FALLBACKS: z
    .string()
    .trim()
    .regex(/^(ky|ru|en):(ky|ru|en)(,(ky|ru|en))*(;(ky|ru|en):(ky|ru|en)(,(ky|ru|en))*)*$/, 'must look like ky:ru,en;ru:en,ky;en:ru,ky')
    .default('ky:ru,en;ru:en,ky;en:ru,ky'),
  OPEN_DATA_LICENCE_NAME: z.string().trim().min(1).max(100).default('CC BY 4.0'),
  OPEN_DATA_LICENCE_URL: z.url().default('https://creativecommons.org/licenses/by/4.0/'),
  AUTHORITY_NAME_KY: optionalText,
  AUTHORITY_NAME_RU: optionalText,
  AUTHORITY_NAME_EN: optionalText,
  AUTHORITY_ADDRESS_KY: optionalText,
  AUTHORITY_ADDRESS_RU: optionalText,
  AUTHORITY_ADDRESS_EN: optionalText,
  AUTHORITY_EMAIL: z.email().optional(),
  AUTHORITY_PHONE: z
    .string()
    .trim()
    .regex(/^\+?[\d ()-]{5,25}$/, 'must be a phone number such as +996 312 000000')
    .optional(),
});

type Env = z.infer<typeof envSchema>;

interface Authority {
  name: Record<Language, string>;
  address: Record<Language, string>;
  email: string;
  phone: string;
}

export interface Config {
  env: Env['NODE_ENV'];
  isProduction: boolean;
  port: number;
  host: string;
  varDir: string;
  /** Unset means: run the embedded PostgreSQL under VAR_DIR. */
  databaseUrl: string | undefined;
  databasePoolMax: number;
  sessionSecret: string;
  dataEncryptionKey: Buffer;
  trustProxy: boolean | number | string;
  logLevel: Env['LOG_LEVEL'];
  metricsToken: string | undefined;
  rateLimitStore: Env['RATE_LIMIT_STORE'];
  /** Wrong access codes per case reference and hour, from all addresses together, before its sign-in pauses. */
  caseSignInCap: number;
  /** Secure cookies (and the __Host- prefix) whenever the portal is meant to be served over HTTPS. */
  secureCookies: boolean;
  authority: Authority;
  /** The address citizens use, for links in e-mails. */
  publicUrl: string;
  /** Whether PUBLIC_URL was set (otherwise publicUrl is a guess from PORT). */
  publicUrlSet: boolean;
  /** Unset: e-mails are written as .eml files under VAR_DIR/mail (development) instead of being sent. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Text messages: a JSON POST to `url` (README); unset: each message is written under VAR_DIR/sms instead. */
  sms: { url: string | undefined; token: string | undefined; sender: string };
  /** Days an organisation has to answer a request letter (Law No. 58: one week). */
  letterReplyDays: number;
  /** Unset: uploads are not virus-scanned (recorded as "skipped"). */
  clamav: { host: string; port: number } | undefined;
  uploads: UploadConfig;
  /** Slow clients are dropped: the whole request must arrive within requestMs, its headers within headersMs. */
  timeouts: { requestMs: number; headersMs: number };
  /**
   * Working days. Law No. 67 time limits: registration of an electronic appeal, and the answer. The Agency's
   * own targets: triage of violation reports (tips, not appeals), and the reply it asks of a citizen.
   */
  deadlines: { registrationWorkingDays: number; answerWorkingDays: number; triageTargetWorkingDays: number; informationReplyWorkingDays: number };
  /** Case e-mails wait this long, so that the updates one case gets meanwhile go out as one e-mail. */
  notifications: { batchSeconds: number };
  /** For a page missing or outdated in a language: the languages to show instead, in order. */
  contentFallbacks: Record<Language, Language[]>;
  /** The licence the published statistics and their open data are under (named on the pages and in the files). */
  openDataLicence: { name: string; url: string };
  retention: RetentionConfig;
}

/**
 * How long personal data is kept: a case's years count from its closure (a register application: from its
 * refusal or withdrawal; a registered one stays with the register), then the case is anonymised. Forms saved to
 * finish later are kept `draftDays`; files uploaded to a form never sent, `uploadHours`.
 */
export interface RetentionConfig {
  years: { complaint: number; breach: number; report: number; registration: number };
  draftDays: number;
  uploadHours: number;
}

export interface UploadConfig {
  maxFileBytes: number;
  maxFiles: number;
  /** Bytes stored (converted photos with their originals) per journey draft, per case, and per client address in any hour. */
  quotas: { draftBytes: number; caseBytes: number; addressBytesPerHour: number };
  /** Uploads received at once by this process, and by one client address. */
  concurrent: { perProcess: number; perAddress: number };
  /** Where files wait, encrypted with a per-request key, while a request is handled. */
  tmpDir: string;
}

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Defaults for local development only; production must name the real authority's contacts. */
const DEV_AUTHORITY: Authority = {
  name: {
    ky: 'Кыргыз Республикасынын Министрлер Кабинетине караштуу Жеке маалыматтарды коргоо боюнча мамлекеттик агенттик',
    ru: 'Государственное агентство по защите персональных данных при Кабинете Министров Кыргызской Республики',
    en: 'State Agency for Personal Data Protection under the Cabinet of Ministers of the Kyrgyz Republic',
  },
  address: {
    ky: 'Бишкек шаары, Кыргыз Республикасы',
    ru: 'г. Бишкек, Кыргызская Республика',
    en: 'Bishkek, Kyrgyz Republic',
  },
  email: 'info@ukuk.example',
  phone: '+996 312 000000',
};

const PRODUCTION_REQUIRED = [
  'DATABASE_URL',
  'SESSION_SECRET',
  'DATA_ENCRYPTION_KEY',
  'AUTHORITY_NAME_KY',
  'AUTHORITY_NAME_RU',
  'AUTHORITY_NAME_EN',
  'AUTHORITY_ADDRESS_KY',
  'AUTHORITY_ADDRESS_RU',
  'AUTHORITY_ADDRESS_EN',
  'AUTHORITY_EMAIL',
  'AUTHORITY_PHONE',
  'PUBLIC_URL',
  'SMTP_URL',
  'MAIL_FROM',
] as const;

interface DevSecrets {
  sessionSecret: string;
  dataEncryptionKey: string;
}

/** Generates the development secrets once and keeps them, so sessions and encrypted files survive restarts. */
function loadDevSecrets(varDir: string): DevSecrets {
  const file = path.join(varDir, 'dev-secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as DevSecrets;
  const secrets: DevSecrets = {
    sessionSecret: randomBytes(32).toString('base64url'),
    dataEncryptionKey: randomBytes(32).toString('base64'),
  };
  mkdirSync(varDir, { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

function definedOnly<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** The environment, validated: every bad variable named; in production, every missing required one. */
function parseEnvironment(source: NodeJS.ProcessEnv): Env {
  // An empty variable (FOO= in a shell or .env file) means "not set", not "set to nothing".
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const env = parsed.data;
  if (env.NODE_ENV === 'production') {
    const missing = PRODUCTION_REQUIRED.filter((name) => env[name] === undefined);
    if (missing.length > 0) throw new ConfigError(missing.map((name) => `${name}: required when NODE_ENV=production`));
  }
  return env;
}

function authorityOf(env: Env): Config['authority'] {
  return {
    name: {
      ky: env.AUTHORITY_NAME_KY ?? DEV_AUTHORITY.name.ky,
      ru: env.AUTHORITY_NAME_RU ?? DEV_AUTHORITY.name.ru,
      en: env.AUTHORITY_NAME_EN ?? DEV_AUTHORITY.name.en,
    },
    address: {
      ky: env.AUTHORITY_ADDRESS_KY ?? DEV_AUTHORITY.address.ky,
      ru: env.AUTHORITY_ADDRESS_RU ?? DEV_AUTHORITY.address.ru,
      en: env.AUTHORITY_ADDRESS_EN ?? DEV_AUTHORITY.address.en,
    },
    email: env.AUTHORITY_EMAIL ?? DEV_AUTHORITY.email,
    phone: env.AUTHORITY_PHONE ?? DEV_AUTHORITY.phone,
  };
}

function uploadsOf(env: Env): UploadConfig {
  return {
    maxFileBytes: env.UPLOAD_MAX_FILE_MB * MEGABYTE,
    maxFiles: env.UPLOAD_MAX_FILES,
    quotas: {
      draftBytes: env.UPLOAD_QUOTA_DRAFT_MB * MEGABYTE,
      caseBytes: env.UPLOAD_QUOTA_CASE_MB * MEGABYTE,
      addressBytesPerHour: env.UPLOAD_QUOTA_ADDRESS_MB_PER_HOUR * MEGABYTE,
    },
    concurrent: { perProcess: env.UPLOAD_CONCURRENT, perAddress: env.UPLOAD_CONCURRENT_PER_ADDRESS },
    tmpDir: path.resolve(env.UPLOAD_TMP_DIR ?? path.join(os.tmpdir(), 'ukuk-uploads')),
  };
}

/** The signing and encryption secrets: from the environment, or (outside production) generated once under VAR_DIR. */
function secretsOf(env: Env, varDir: string): DevSecrets {
  return env.SESSION_SECRET && env.DATA_ENCRYPTION_KEY
    ? { sessionSecret: env.SESSION_SECRET, dataEncryptionKey: env.DATA_ENCRYPTION_KEY }
    : { ...loadDevSecrets(varDir), ...definedOnly({ sessionSecret: env.SESSION_SECRET, dataEncryptionKey: env.DATA_ENCRYPTION_KEY }) };
}

/** Reads and validates the environment; throws ConfigError naming every bad variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const env = parseEnvironment(source);
  const isProduction = env.NODE_ENV === 'production';
  const varDir = path.resolve(env.VAR_DIR);
  const secrets = secretsOf(env, varDir);
  return {
    env: env.NODE_ENV,
    isProduction,
    port: env.PORT,
    host: env.HOST ?? (isProduction ? '0.0.0.0' : '127.0.0.1'),
    varDir,
    databaseUrl: env.DATABASE_URL,
    databasePoolMax: env.DATABASE_POOL_MAX,
    sessionSecret: secrets.sessionSecret,
    dataEncryptionKey: Buffer.from(secrets.dataEncryptionKey, 'base64'),
    trustProxy: env.TRUST_PROXY,
    logLevel: env.LOG_LEVEL,
    metricsToken: env.METRICS_TOKEN,
    rateLimitStore: env.RATE_LIMIT_STORE,
    caseSignInCap: env.CASE_SIGN_IN_CAP,
    secureCookies: isProduction,
    authority: authorityOf(env),
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ''),
    publicUrlSet: env.PUBLIC_URL !== undefined,
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM ?? `Ukuk <no-reply@${(env.AUTHORITY_EMAIL ?? DEV_AUTHORITY.email).split('@')[1] ?? 'localhost'}>`,
    sms: { url: env.SMS_URL, token: env.SMS_TOKEN, sender: env.SMS_SENDER },
    letterReplyDays: env.LETTER_REPLY_DAYS,
    clamav: env.CLAMAV_HOST ? { host: env.CLAMAV_HOST, port: env.CLAMAV_PORT } : undefined,
    uploads: uploadsOf(env),
    timeouts: { requestMs: env.REQUEST_TIMEOUT_SECONDS * 1000, headersMs: Math.min(env.HEADERS_TIMEOUT_SECONDS, env.REQUEST_TIMEOUT_SECONDS) * 1000 },
    deadlines: {
      registrationWorkingDays: env.REGISTRATION_WORKING_DAYS,
      answerWorkingDays: env.ANSWER_WORKING_DAYS,
      triageTargetWorkingDays: env.TRIAGE_TARGET_WORKING_DAYS,
      informationReplyWorkingDays: env.INFORMATION_REPLY_WORKING_DAYS,
    },
    notifications: { batchSeconds: env.MAIL_BATCH_SECONDS },
    contentFallbacks: fallbacksOf(env.CONTENT_FALLBACKS),
    openDataLicence: { name: env.OPEN_DATA_LICENCE_NAME, url: env.OPEN_DATA_LICENCE_URL },
    retention: {
      years: {
        complaint: env.RETENTION_COMPLAINT_YEARS,
        breach: env.RETENTION_BREACH_YEARS,
        report: env.RETENTION_REPORT_YEARS,
        registration: env.RETENTION_REGISTRATION_YEARS,
      },
      draftDays: env.RETENTION_DRAFT_DAYS,
      uploadHours: env.RETENTION_UPLOAD_HOURS,
    },
  };
}

/** "ky:ru,en;ru:en,ky" → { ky: ['ru', 'en'], ru: ['en', 'ky'], en: [] } (a language not named falls back to nothing). */
function fallbacksOf(spec: string): Record<Language, Language[]> {
  const chains: Record<Language, Language[]> = { ky: [], ru: [], en: [] };
  for (const part of spec.split(';')) {
    const [lang, list] = part.split(':') as [Language, string];
    chains[lang] = list.split(',').filter((other): other is Language => other !== lang);
  }
  return chains;
}

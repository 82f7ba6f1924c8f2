/**
 * Staff passwords: the policy (12–128 characters, not a common or breached password, not the e-mail, not
 * mostly words of this service) and argon2id hashing. The common-password list is zxcvbn's (about 49,000
 * entries), shipped as a dependency.
 */
import { createRequire } from 'node:module';
import argon2 from 'argon2';
import type * as CommonLists from '@zxcvbn-ts/language-common';

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

/** OWASP's minimum for argon2id; raising these makes every login rehash with the new ones. */
export interface HashOptions {
  type: typeof argon2.argon2id;
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

export const HASH_OPTIONS: HashOptions = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/**
 * The list is read the first time a password is checked (setting or changing one, rarely), not when the portal
 * starts: the package and the set hold about 5 MB that a portal would otherwise keep all the time.
 */
let common: ReadonlySet<string> | undefined;
function commonPasswords(): ReadonlySet<string> {
  if (!common) {
    const { dictionary } = createRequire(import.meta.url)('@zxcvbn-ts/language-common') as typeof CommonLists;
    common = new Set(dictionary['passwords-common'].map((word) => word.toLowerCase()));
  }
  return common;
}

export function commonPasswordCount(): number {
  return commonPasswords().size;
}

export type PasswordProblem = 'tooShort' | 'tooLong' | 'common' | 'containsEmail' | 'context';

/**
 * Words of this service that an attacker tries first (ASVS 6.1.2): the portal's and the authority's names,
 * the roles, the city, "password" — in the three languages. A password that is little more than these is
 * refused; a long phrase that happens to contain one is not.
 */
export const CONTEXT_WORDS: readonly string[] = [
  'ukuk',
  'укук',
  'pdp',
  'gdpr',
  'agency',
  'агентство',
  'агенттик',
  'personal',
  'data',
  'персональн',
  'данные',
  'жеке',
  'маалымат',
  'kyrgyz',
  'kyrgyzstan',
  'кыргыз',
  'кыргызстан',
  'bishkek',
  'бишкек',
  'admin',
  'administrator',
  'администратор',
  'supervisor',
  'жетекчи',
  'руководитель',
  'officer',
  'исполнитель',
  'аткаруучу',
  'auditor',
  'аудитор',
  'editor',
  'редактор',
  'staff',
  'back',
  'office',
  'password',
  'пароль',
  'сырсөз',
  'qwerty',
  'йцукен',
];
const CONTEXT_PATTERN = new RegExp(CONTEXT_WORDS.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'giu');
/** Letters left once the service's words, digits and symbols are taken out: fewer than this is too little. */
const CONTEXT_REST_MIN = 8;

/** Common words with digits or symbols stuck on the end are as weak as the words. */
function stem(password: string): string {
  return password.toLowerCase().replace(/[\d\W_]+$/u, '');
}

export function passwordProblem(password: string, email = ''): PasswordProblem | undefined {
  const length = Array.from(password).length;
  if (length < PASSWORD_MIN) return 'tooShort';
  if (length > PASSWORD_MAX) return 'tooLong';
  const lower = password.toLowerCase();
  const common = commonPasswords();
  if (common.has(lower) || common.has(stem(password)) || /^(.)\1+$/u.test(password)) return 'common';
  const local = email.split('@')[0]?.toLowerCase() ?? '';
  if (local.length >= 4 && lower.includes(local)) return 'containsEmail';
  if (Array.from(lower.replace(CONTEXT_PATTERN, '').replace(/\P{L}+/gu, '')).length < CONTEXT_REST_MIN) return 'context';
  return undefined;
}

export function hashPassword(password: string, options: HashOptions = HASH_OPTIONS): Promise<string> {
  return argon2.hash(password, options);
}

export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  if (!hash) return false;
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

export function needsRehash(hash: string, options: HashOptions = HASH_OPTIONS): boolean {
  return argon2.needsRehash(hash, options);
}

/** A hash to verify against when the account does not exist, so both answers take the same time. */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= argon2.hash('decoy password for unknown accounts', HASH_OPTIONS);
  return decoy;
}

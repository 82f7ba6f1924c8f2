/**
 * Retention rules (pure): when a case's personal data expires, and what of a case survives anonymisation.
 *
 * What stays is what statistics and the record of the Agency's work need: the reference, type, status, sector,
 * organisation, dates, outcome and coded answers (choices, dates, numbers). What goes is everything a person
 * typed or that identifies them: every answer to a free-text, e-mail or phone question (the journeys' own field
 * definitions say which), and any other text that is not a short code.
 */
import type { RetentionConfig } from '../../config.ts';
import { JOURNEYS } from '../intake/case-answers.ts';

type CaseType = keyof RetentionConfig['years'];

/** Answer keys whose question is free text, an e-mail address or a phone number, in any journey. */
const FREE_TEXT_FIELDS: ReadonlySet<string> = new Set(
  JOURNEYS.flatMap((journey) => journey.steps.flatMap((step) => step.fields ?? []))
    .filter((field) => field.kind === 'text' || field.kind === 'textarea' || field.kind === 'email' || field.kind === 'tel')
    .map((field) => field.name),
);

/** A choice's code, a date, a time or a number written as text: what a coded answer looks like. */
const CODE = /^[\w.:+-]{1,40}$/;

function scrubValue(key: string, value: unknown): unknown {
  if (typeof value === 'string') return FREE_TEXT_FIELDS.has(key) || !CODE.test(value) ? undefined : value;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
  if (Array.isArray(value)) {
    if (FREE_TEXT_FIELDS.has(key)) return undefined;
    return value.map((item) => scrubValue('', item)).filter((item) => item !== undefined);
  }
  if (typeof value === 'object') return scrubAnswers(value as Record<string, unknown>);
  return undefined;
}

/** The stored answers with every free text removed and every coded answer kept, at any depth. */
export function scrubAnswers(answers: Record<string, unknown>): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(answers)) {
    const scrubbed = scrubValue(key, value);
    if (scrubbed !== undefined) kept[key] = scrubbed;
  }
  return kept;
}

/** What replaces a person's name or contact in a text the Agency keeps (a decision's reasons). */
const REDACTED = '[…]';

function escapeForPattern(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The text with each of the people's names, e-mail addresses, phone numbers and addresses (and each part of a
 * name of four letters or more) replaced, case-insensitively: a decision's reasons stay readable without them.
 */
export function redact(text: string, personal: readonly (string | null)[]): string {
  const needles = new Set<string>();
  for (const value of personal) {
    if (!value || value.trim().length < 3) continue;
    needles.add(value.trim());
    for (const part of value.split(/[\s,]+/)) if (part.length >= 4 && !/^\d+$/.test(part)) needles.add(part);
  }
  // Longest first, so a full name goes as one before its parts.
  const ordered = [...needles].sort((a, b) => b.length - a.length);
  if (ordered.length === 0) return text;
  return text.replace(new RegExp(ordered.map(escapeForPattern).join('|'), 'giu'), REDACTED);
}

/** Final states whose case expires (a registered application stays with its register entry). */
const EXPIRING = new Set(['closed', 'inadmissible', 'referred', 'withdrawn', 'refused']);

/** The moment a case's personal data is to be anonymised, or undefined while it is kept (open, or registered). */
export function retentionEnds(found: { type: CaseType; status: string; closed_at: Date | null }, config: RetentionConfig): Date | undefined {
  if (!found.closed_at || !EXPIRING.has(found.status)) return undefined;
  const end = new Date(found.closed_at);
  end.setUTCFullYear(end.getUTCFullYear() + config.years[found.type]);
  return end;
}

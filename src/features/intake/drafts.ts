/**
 * Journey drafts live in the server-side session: answers never travel in a URL or a hidden field. A session
 * ends after SESSION_IDLE_MS without activity, so every journey page says until when the answers are kept
 * (and offers to save them for longer, see saved-drafts.ts).
 */
import { randomUUID } from 'node:crypto';
import type { SessionData } from 'express-session';
import type { Language } from '../../config.ts';
import { SESSION_IDLE_MS } from '../../http/session.ts';
import type { Answers, Journey, Step } from './journey.ts';

export interface Draft {
  /** The submission token: names the draft's files and makes submission idempotent. */
  token: string;
  answers: Answers;
  /** Values offered in a form before the user has confirmed them (e.g. carried over from a letter). */
  prefill?: Answers;
  /** The saved copy of this draft (saved to finish later, or resumed with a code), kept up to date. */
  savedId?: string;
  /** A step's valid answers waiting for the citizen to pick the organisation they name from the register. */
  pendingPick?: { step: string; data: Record<string, unknown> };
  /** When a page of the journey was last shown: changing it makes the session be stored again, with a new expiry. */
  activeAt?: number;
}

export const IDLE_MINUTES = SESSION_IDLE_MS / 60_000;

const clock = new Map<string, Intl.DateTimeFormat>();

/**
 * Marks the draft active (its session is stored again when the page is sent, so it lives SESSION_IDLE_MS from
 * now) and says until when, as 14:35 in Bishkek.
 */
export function keepDraft(draft: Draft, lang: Language, now = Date.now()): string {
  draft.activeAt = now;
  let format = clock.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Asia/Bishkek' });
    clock.set(lang, format);
  }
  // Rounded down: the answers are kept at least until the time shown.
  return format.format(new Date(Math.floor((now + SESSION_IDLE_MS) / 60_000) * 60_000));
}

/** Where a session keeps its journeys' drafts (req.session). */
export type DraftSession = Pick<Partial<SessionData>, 'intake'>;

/** A draft with nothing in it yet, kept nowhere. */
export function newDraft(): Draft {
  return { token: randomUUID(), answers: {} };
}

export function draftFor(session: DraftSession, journey: Journey): Draft {
  session.intake ??= {};
  let draft = session.intake[journey.type];
  if (!draft) {
    draft = newDraft();
    session.intake[journey.type] = draft;
  }
  return draft;
}

export function existingDraft(session: DraftSession, journey: Journey): Draft | undefined {
  return session.intake?.[journey.type];
}

export function discardDraft(session: DraftSession, journey: Journey): void {
  if (session.intake) session.intake[journey.type] = undefined;
}

/** Whether the citizen has answered or typed anything yet (there is something to save). */
export function hasAnything(draft: Draft | undefined): boolean {
  return Boolean(draft && (Object.keys(draft.answers).length > 0 || Object.keys(draft.prefill ?? {}).length > 0));
}

/** A step's answers confirmed: they replace whatever was offered in its form before. */
export function acceptAnswers(draft: Draft, stepId: string, data: Record<string, unknown>): void {
  draft.answers[stepId] = data;
  if (draft.prefill?.[stepId]) draft.prefill = Object.fromEntries(Object.entries(draft.prefill).filter(([id]) => id !== stepId));
}

/** What was typed in a step's form, kept to show again (not yet answers): only the step's own fields. */
export function keepTyped(draft: Draft, step: Step, values: Record<string, unknown>): void {
  const names = new Set((step.fields ?? []).map((field) => field.name));
  draft.prefill = { ...draft.prefill, [step.id]: Object.fromEntries(Object.entries(values).filter(([name]) => names.has(name))) };
}

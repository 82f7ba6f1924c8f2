/**
 * Journey drafts live in the server-side session: answers never travel in a URL or a hidden field. A session
 * ends after SESSION_IDLE_MS without activity, so every journey page says until when the answers are kept
 * (and offers to save them for longer, see saved-drafts.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import type { Language } from '../../config.ts';
import { SESSION_IDLE_MS } from '../../http/session.ts';
import type { Answers, Journey } from './journey.ts';

export interface Draft {
  /** The submission token: names the draft's files and makes submission idempotent. */
  token: string;
  answers: Answers;
  /** Values offered in a form before the user has confirmed them (e.g. carried over from a letter). */
  prefill?: Answers;
  /** The saved copy of this draft (saved to finish later, or resumed with a code), kept up to date. */
  savedId?: string;
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

export function draftFor(req: Request, journey: Journey): Draft {
  req.session.intake ??= {};
  let draft = req.session.intake[journey.type];
  if (!draft) {
    draft = { token: randomUUID(), answers: {} };
    req.session.intake[journey.type] = draft;
  }
  return draft;
}

export function existingDraft(req: Request, journey: Journey): Draft | undefined {
  return req.session.intake?.[journey.type];
}

export function discardDraft(req: Request, journey: Journey): void {
  if (req.session.intake) req.session.intake[journey.type] = undefined;
}

/** What a request letter already says, offered (not yet confirmed) in a new complaint. */
export function prefillComplaintFromLetter(
  req: Request,
  journey: Journey,
  letter: { organisationName: string; organisationAddress: string; fullName: string; contact: string; sendingDate: string },
): void {
  discardDraft(req, journey);
  const draft = draftFor(req, journey);
  const contactIsEmail = /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(letter.contact.trim());
  draft.prefill = {
    'about-you': { fullName: letter.fullName, ...(contactIsEmail ? { email: letter.contact.trim() } : { postalAddress: letter.contact }) },
    organisation: { organisationName: letter.organisationName, organisationAddress: letter.organisationAddress },
    'earlier-contact': { askedOrganisation: 'yes', requestDate: letter.sendingDate, answered: 'no' },
  };
}

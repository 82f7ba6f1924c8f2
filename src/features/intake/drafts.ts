/** Journey drafts live in the server-side session: answers never travel in a URL or a hidden field. */
import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import type { Answers, Journey } from './journey.ts';

export interface Draft {
  /** The submission token: names the draft's files and makes submission idempotent. */
  token: string;
  answers: Answers;
  /** Values offered in a form before the user has confirmed them (e.g. carried over from a letter). */
  prefill?: Answers;
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

/**
 * Saving a journey to finish later: the draft's answers are sealed (AES-256-GCM, like attachments) and kept for
 * 30 days under a resume code shown once and, if the citizen asks, e-mailed to them. Resuming puts the draft
 * back in a session, with its files (they belong to the draft's token). Sending the form deletes the saved copy.
 */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Language } from '../../config.ts';
import { pathTo } from '../../http/paths.ts';
import { formatLongDate } from '../../lib/dates.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { KEY_VERSION, open, seal } from '../../lib/sealing.ts';
import type { CaseKeys } from '../cases/keys.ts';
import { queueEmail, queueUnsolicitedEmail } from '../notifications/service.ts';
import type { Answers, CaseType } from './journey.ts';
import { generateResumeCode, hashResumeCode, normaliseResumeCode } from './resume-code.ts';
import {
  deleteExpiredSavedDrafts,
  deleteSavedDraft,
  deleteSavedDraftByToken,
  findSavedDraftByCode,
  insertSavedDraft,
  replaceSavedDraft,
  updateSavedContent,
} from './saved-drafts-repository.ts';

interface SavedDraftDeps {
  knex: Knex;
  jobs: JobQueue;
  keys: CaseKeys;
  publicUrl: string;
  /** How long a saved form is kept (RETENTION_DRAFT_DAYS). */
  days: number;
}

interface DraftContent {
  token: string;
  answers: Answers;
  prefill?: Answers;
}

function sealContent(content: DraftContent, key: Buffer, id: string) {
  const sealed = seal(Buffer.from(JSON.stringify({ answers: content.answers, prefill: content.prefill ?? {} })), key, id);
  return { ciphertext: sealed.ciphertext, iv: sealed.iv, auth_tag: sealed.authTag, key_version: KEY_VERSION };
}

/**
 * Saves (or saves again, with a new code) a journey's draft. Returns the code to show once; with `email`, the
 * code is also e-mailed (in the page's language) in the same transaction, and with `phone` texted — at most once
 * an hour to one number (`texted` says whether it was).
 */
export async function saveDraftForLater(
  deps: SavedDraftDeps,
  input: { journey: CaseType; draft: DraftContent & { savedId?: string }; lang: Language; email?: string; phone?: string },
): Promise<{ id: string; code: string; expiresAt: Date; texted: boolean }> {
  const code = generateResumeCode();
  const codeHash = hashResumeCode(normaliseResumeCode(code) ?? '', deps.keys.resumeCodes);
  const expiresAt = new Date(Date.now() + deps.days * 86_400_000);
  return deps.knex.transaction(async (trx) => {
    let id = input.draft.savedId;
    const replaced = id
      ? await replaceSavedDraft(trx, id, {
          code_hash: codeHash,
          language: input.lang,
          ...sealContent(input.draft, deps.keys.savedDrafts, id),
          expires_at: expiresAt,
        })
      : 0;
    if (!id || replaced === 0) {
      id = randomUUID();
      // A draft token saved before under another row (a second save after the first one expired) moves here.
      await deleteSavedDraftByToken(trx, input.draft.token);
      await insertSavedDraft(trx, {
        id,
        journey: input.journey,
        code_hash: codeHash,
        draft_token: input.draft.token,
        language: input.lang,
        ...sealContent(input.draft, deps.keys.savedDrafts, id),
        expires_at: expiresAt,
      });
    }
    const params = {
      code,
      link: `${deps.publicUrl}${pathTo('intake.resume', { lang: input.lang })}`,
      until: formatLongDate(expiresAt.toISOString().slice(0, 10), input.lang),
    };
    const message = { caseId: null, language: input.lang, template: 'draft-saved' as const, params };
    if (input.email) await queueEmail(trx, deps.jobs, { ...message, to: input.email });
    const texted = input.phone ? await queueUnsolicitedEmail(trx, deps.jobs, { ...message, to: input.phone, channel: 'sms' }) : false;
    return { id, code, expiresAt, texted };
  });
}

/** Keeps a saved draft's answers current as the citizen goes on after resuming it (same code and expiry). */
export async function refreshSavedDraft(deps: Pick<SavedDraftDeps, 'knex' | 'keys'>, id: string, draft: DraftContent): Promise<void> {
  await updateSavedContent(deps.knex, id, sealContent(draft, deps.keys.savedDrafts, id));
}

/** The saved draft a code opens, if any (a wrong, unknown or expired code: undefined, all alike). */
export async function findDraftByCode(
  deps: Pick<SavedDraftDeps, 'knex' | 'keys'>,
  typed: string,
): Promise<(DraftContent & { id: string; journey: CaseType; language: Language; expiresAt: Date }) | undefined> {
  const normalised = normaliseResumeCode(typed);
  // Hash even a malformed code, so every answer takes the same time.
  const found = await findSavedDraftByCode(deps.knex, hashResumeCode(normalised ?? '', deps.keys.resumeCodes));
  if (!found || !normalised) return undefined;
  const content = JSON.parse(
    open({ ciphertext: found.ciphertext, iv: found.iv, authTag: found.auth_tag }, deps.keys.savedDrafts, found.id).toString('utf8'),
  ) as { answers: Answers; prefill: Answers };
  return {
    id: found.id,
    journey: found.journey,
    language: found.language,
    expiresAt: found.expires_at,
    token: found.draft_token,
    answers: content.answers,
    prefill: content.prefill,
  };
}

export async function forgetSavedDraft(knex: Knex, id: string): Promise<void> {
  await deleteSavedDraft(knex, id);
}

export async function purgeExpiredDrafts(knex: Knex): Promise<number> {
  return deleteExpiredSavedDrafts(knex);
}

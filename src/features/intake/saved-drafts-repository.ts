/** Forms saved to finish later (table saved_drafts): the only code that reads and writes them. */
import type { Knex } from 'knex';
import type { Language } from '../../config.ts';
import type { CaseType } from './journey.ts';

interface SavedDraftRow {
  id: string;
  journey: CaseType;
  code_hash: string;
  draft_token: string;
  language: Language;
  ciphertext: Buffer;
  iv: Buffer;
  auth_tag: Buffer;
  key_version: number;
  expires_at: Date;
}

export async function insertSavedDraft(trx: Knex.Transaction, row: SavedDraftRow): Promise<void> {
  await trx('saved_drafts').insert(row);
}

/** A new code and content for a draft saved before (saving again replaces the code). */
export async function replaceSavedDraft(
  trx: Knex.Transaction,
  id: string,
  changes: Pick<SavedDraftRow, 'code_hash' | 'language' | 'ciphertext' | 'iv' | 'auth_tag' | 'key_version' | 'expires_at'>,
): Promise<number> {
  return trx('saved_drafts')
    .where({ id })
    .where('expires_at', '>', trx.fn.now())
    .update({ ...changes, updated_at: trx.fn.now() });
}

/** The answers of a saved draft changed (the citizen went on after resuming): same code, same expiry. */
export async function updateSavedContent(
  knex: Knex,
  id: string,
  content: Pick<SavedDraftRow, 'ciphertext' | 'iv' | 'auth_tag' | 'key_version'>,
): Promise<void> {
  await knex('saved_drafts')
    .where({ id })
    .where('expires_at', '>', knex.fn.now())
    .update({ ...content, updated_at: knex.fn.now() });
}

export async function findSavedDraftByCode(knex: Knex, codeHash: string): Promise<SavedDraftRow | undefined> {
  return knex<SavedDraftRow>('saved_drafts').where({ code_hash: codeHash }).where('expires_at', '>', knex.fn.now()).first();
}

export async function deleteSavedDraft(knex: Knex, id: string): Promise<void> {
  await knex('saved_drafts').where({ id }).delete();
}

export async function deleteSavedDraftByToken(trx: Knex.Transaction, draftToken: string): Promise<void> {
  await trx('saved_drafts').where({ draft_token: draftToken }).delete();
}

/** Drafts past their 30 days; their files lose the sweep's protection and go with the next sweep. */
export async function deleteExpiredSavedDrafts(knex: Knex): Promise<number> {
  return knex('saved_drafts').where('expires_at', '<=', knex.fn.now()).delete();
}

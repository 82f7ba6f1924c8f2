/** The keys the case features use, each derived for one purpose from DATA_ENCRYPTION_KEY. */
import { deriveKey } from '../../lib/sealing.ts';

export interface CaseKeys {
  attachments: Buffer;
  accessCodes: Buffer;
  receipts: Buffer;
  /** Forms saved to finish later: their answers, and the look-up hash of their resume codes. */
  savedDrafts: Buffer;
  resumeCodes: Buffer;
  /** Request letters kept to come back to: the look-up hash of their codes, and (with the code) their sealing. */
  trackedRequests: Buffer;
}

export function caseKeys(master: Buffer): CaseKeys {
  return {
    attachments: deriveKey(master, 'attachments'),
    accessCodes: deriveKey(master, 'access-codes'),
    receipts: deriveKey(master, 'receipts'),
    savedDrafts: deriveKey(master, 'saved-drafts'),
    resumeCodes: deriveKey(master, 'resume-codes'),
    trackedRequests: deriveKey(master, 'tracked-requests'),
  };
}

/** What every rendered page can rely on in `res.locals` (set by the language middleware). */
import type { Language } from '../config.ts';
import type { Translate } from '../i18n/i18n.ts';
import type { LanguageLink } from './language.ts';
import type { UploadLimitProblem } from './uploads.ts';
import type { StaffRole } from '../features/staff/permissions.ts';

export interface StaffUser {
  id: number;
  role: StaffRole;
  displayName: string;
  language: Language;
  email: string;
}
import 'express-session';

declare module 'express-session' {
  interface SessionData {
    /** Journeys in progress: the draft answers, keyed by case type (see features/intake). */
    intake?: Partial<Record<'complaint' | 'report' | 'breach', { token: string; answers: Record<string, Record<string, unknown>>; prefill?: Record<string, Record<string, unknown>>; savedId?: string; activeAt?: number }>>;
    /** The last submission, so its receipt page can show the access code once. */
    receipt?: { type: 'complaint' | 'report' | 'breach'; token: string };
    /** A citizen signed in to one case (features/track). */
    caseAccess?: { caseId: number; reference: string; lastSeen: number };
    /** A signed-in staff member (features/staff): who, since when, last seen. */
    staff?: { id: number; loginAt: number; lastSeen: number };
    /** Between the password and the second factor (five minutes at most). */
    staffPending?: { id: number; at: number; next: 'code' | 'enrol' };
  }
}

declare global {
  // Declaration merging with Express's own types: an ambient declaration, erased at run time.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** Set when a posted file was over the size limit, or one too many (see http/uploads.ts). */
      uploadProblem?: UploadLimitProblem;
      /**
       * The form was posted with a token that is no longer valid (the page was open too long, or its session
       * ended): the journey and letter forms show it again with what was posted, storing nothing from it.
       */
      staleForm?: boolean;
    }
    interface Locals {
      lang: Language;
      t: Translate;
      languageLinks: LanguageLink[];
      issueCsrfToken?: () => string;
      /** The signed-in staff member, re-read from the database on every back-office request. */
      staffUser?: StaffUser;
    }
  }
}

export {};

/** What every rendered page can rely on in `res.locals` (set by the language middleware). */
import type { Language } from '../config.ts';
import type { Translate } from '../i18n/i18n.ts';
import type { LanguageLink } from './language.ts';
import type { UploadLimitProblem } from './uploads.ts';
import 'express-session';

declare module 'express-session' {
  interface SessionData {
    /** Journeys in progress: the draft answers, keyed by case type (see features/intake). */
    intake?: Partial<Record<'complaint' | 'report' | 'breach', { token: string; answers: Record<string, Record<string, unknown>>; prefill?: Record<string, Record<string, unknown>> }>>;
    /** The last submission, so its receipt page can show the access code once. */
    receipt?: { type: 'complaint' | 'report' | 'breach'; token: string };
    /** A citizen signed in to one case (features/track). */
    caseAccess?: { caseId: number; reference: string; lastSeen: number };
  }
}

declare global {
  // Declaration merging with Express's own types: an ambient declaration, erased at run time.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** Set when a posted file was over the size limit, or one too many (see http/uploads.ts). */
      uploadProblem?: UploadLimitProblem;
    }
    interface Locals {
      lang: Language;
      t: Translate;
      languageLinks: LanguageLink[];
      issueCsrfToken?: () => string;
    }
  }
}

export {};

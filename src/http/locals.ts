/** What every rendered page can rely on in `res.locals` (set by the language middleware). */
import type { Language } from '../config.ts';
import type { Translate } from '../i18n/i18n.ts';
import type { LanguageLink } from './language.ts';
import type { ReceivedUploads } from './uploads.ts';

import 'express-session';

declare module 'express-session' {
  interface SessionData {
    /** Journeys in progress: the draft answers, keyed by case type (see features/intake). */
    intake?: Partial<
      Record<
        'complaint' | 'report' | 'breach' | 'registration',
        {
          token: string;
          answers: Record<string, Record<string, unknown>>;
          prefill?: Record<string, Record<string, unknown>>;
          savedId?: string;
          activeAt?: number;
        }
      >
    >;
    /** The last submission, so its receipt page can show the access code once. */
    receipt?: { type: 'complaint' | 'report' | 'breach' | 'registration'; token: string; emailsSent?: number; deregistration?: true };
    /**
     * A citizen signed in to one case (features/track): since when (2 hours at most), last seen (15 minutes
     * idle at most), and the access code's version it was opened with (a new code ends the session).
     */
    caseAccess?: { caseId: number; reference: string; lastSeen: number; signedInAt?: number; version?: number };
    /** A signed-in staff member (features/staff): who, since when, last seen, with which credential version. */
    staff?: { id: number; loginAt: number; lastSeen: number; version?: number };
    /**
     * Between the password and the second factor (five minutes at most): the credential version the password
     * step was passed with, and the account's language for the pages in between.
     */
    staffPending?: { id: number; at: number; next: 'code' | 'enrol'; version?: number; lang?: Language };
    /** Set at sign-in (http/csrf.ts): from then on a post must carry this session's own token, never a stateless one. */
    csrfSignedIn?: true;
  }
}

declare global {
  // Declaration merging with Express's own types: an ambient declaration, erased at run time.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** Files received on a route that takes them (see http/uploads.ts). */
      uploads?: ReceivedUploads;
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
      /** The form cookie this response binds stateless tokens to (http/form-token.ts), once set. */
      formCookie?: string;
      /**
       * What the signed-in staff member's role allows, for views' {{#if (can "…")}} (display only; routes check
       * again). Set by the staff feature, which also adds `staffUser` (features/staff/locals.ts).
       */
      can?: (action: string) => boolean;
      /** Set by a handler whose page is the same for every reader (http/page-cache.ts keepRenderedPage). */
      keepRenderedPage?: boolean;
    }
  }
}

export {};

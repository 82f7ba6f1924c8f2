/** What every rendered page can rely on in `res.locals` (set by the language middleware). */
import type { Language } from '../config.ts';
import type { Translate } from '../i18n/i18n.ts';
import type { LanguageLink } from './language.ts';

declare global {
  // Declaration merging with Express's own types: an ambient declaration, erased at run time.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      lang: Language;
      t: Translate;
      languageLinks: LanguageLink[];
      issueCsrfToken?: () => string;
    }
  }
}

export {};

/** What the case space's pages need: the citizen side of the case domain, rate limits, the upload parser, and for the PDF copy the translations and the authority's name. */
import type { Config } from '../../config.ts';
import type { RateLimiter } from '../../http/rate-limit.ts';
import type { UploadParser } from '../../http/uploads.ts';
import type { Translator } from '../../i18n/i18n.ts';
import type { CitizenDeps } from '../cases/citizen.ts';

export type TrackDeps = CitizenDeps & {
  limiter: RateLimiter;
  signInCap: number;
  uploadParser: UploadParser;
  translator: Translator;
  authority: Config['authority'];
};

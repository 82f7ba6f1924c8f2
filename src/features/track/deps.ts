/** What the case space's pages need: the citizen side of the case domain, rate limits and the upload parser. */
import type { RateLimiter } from '../../http/rate-limit.ts';
import type { UploadParser } from '../../http/uploads.ts';
import type { CitizenDeps } from '../cases/citizen.ts';

export type TrackDeps = CitizenDeps & { limiter: RateLimiter; signInCap: number; uploadParser: UploadParser };

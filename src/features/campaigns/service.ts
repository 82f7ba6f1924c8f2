/** Awareness campaigns: content items with a period, a poster and posts to share. */
import type { Language } from '../../config.ts';
import type { ContentCache, Resolved } from '../content/cache.ts';
import { slugParams } from '../content/schemas.ts';
import { bishkekToday } from '../../lib/dates.ts';

export type CampaignStatus = 'current' | 'upcoming' | 'past';

function campaignStatus(periodStart: string, periodEnd: string, today: string): CampaignStatus {
  if (today < periodStart) return 'upcoming';
  if (today > periodEnd) return 'past';
  return 'current';
}

export interface CampaignView extends Resolved {
  status: CampaignStatus;
}

export async function listCampaigns(cache: ContentCache, lang: Language, today: string): Promise<CampaignView[]> {
  const order: Record<CampaignStatus, number> = { current: 0, upcoming: 1, past: 2 };
  return (await cache.list('campaigns'))
    .flatMap((item) => cache.resolve(item, lang) ?? [])
    .map((resolved) => ({
      ...resolved,
      status: campaignStatus(resolved.translation.extra.periodStart ?? '', resolved.translation.extra.periodEnd ?? '', today),
    }))
    .sort((a, b) => order[a.status] - order[b.status] || (b.translation.extra.periodStart ?? '').localeCompare(a.translation.extra.periodStart ?? ''));
}

/** `own`: the translation in `lang` itself, even if another language changed since (never another language). */
async function findCampaign(cache: ContentCache, slug: string, lang: Language, today: string, own = false): Promise<CampaignView | undefined> {
  const item = await cache.get('campaigns', slug);
  const translation = own ? item?.translations[lang] : undefined;
  const resolved = own
    ? item && translation && { item, translation, fallback: false, reason: translation.outdated ? ('outdated' as const) : undefined }
    : item && cache.resolve(item, lang);
  if (!resolved) return undefined;
  return { ...resolved, status: campaignStatus(resolved.translation.extra.periodStart ?? '', resolved.translation.extra.periodEnd ?? '', today) };
}

/** The campaign a page's `:slug` names, as of today in Bishkek; undefined for a malformed or unknown slug (404). */
export async function campaignFromParams(cache: ContentCache, params: unknown, lang: Language): Promise<CampaignView | undefined> {
  const parsed = slugParams.safeParse(params);
  return parsed.success ? findCampaign(cache, parsed.data.slug, lang, bishkekToday()) : undefined;
}

/**
 * The campaign in Kyrgyz and in Russian, for the bilingual poster; undefined unless both are published. Each
 * side is its own language even while flagged "needs update": a ky/ru poster is never in a third language.
 */
export async function bilingualCampaign(cache: ContentCache, params: unknown): Promise<{ ky: CampaignView; ru: CampaignView } | undefined> {
  const parsed = slugParams.safeParse(params);
  if (!parsed.success) return undefined;
  const [ky, ru] = await Promise.all([
    findCampaign(cache, parsed.data.slug, 'ky', bishkekToday(), true),
    findCampaign(cache, parsed.data.slug, 'ru', bishkekToday(), true),
  ]);
  return ky && ru ? { ky, ru } : undefined;
}

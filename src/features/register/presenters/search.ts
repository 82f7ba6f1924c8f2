/** The public register: the search form as typed, the count, one page of entries, and the way to the next. */
import type { Language } from '../../../config.ts';
import { pathTo } from '../../../http/paths.ts';
import type { Translate } from '../../../i18n/i18n.ts';
import type { RegisterQuery } from '../schemas.ts';
import { organisationName, type RegisterSearch } from '../service.ts';
import { regionChoices, regionLabel, sectorChoices, sectorLabel, spacedInn } from './labels.ts';

function pageHref(lang: Language, query: RegisterQuery, page: number): string {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  if (query.sector) params.set('sector', query.sector);
  if (query.region) params.set('region', query.region);
  if (page > 1) params.set('page', String(page));
  const search = params.toString();
  return pathTo('register.index', { lang }) + (search ? `?${search}` : '');
}

/** The name in the other state language, when it differs from the one shown. */
function otherName(names: { nameKy: string; nameRu: string }, shown: string): string | undefined {
  return [names.nameKy, names.nameRu].find((name) => name !== shown);
}

export function presentRegisterSearch(t: Translate, lang: Language, query: RegisterQuery, outcome: RegisterSearch) {
  const searched = Boolean(query.q || query.sector || query.region);
  const results =
    outcome.kind === 'results'
      ? outcome.organisations.map((organisation) => {
          const name = organisationName(organisation, lang);
          return {
            name,
            otherName: otherName(organisation, name),
            href: pathTo('register.entry', { lang, number: organisation.registrationNumber }),
            registrationNumber: organisation.registrationNumber,
            inn: spacedInn(organisation.inn),
            sector: sectorLabel(t, organisation.sector),
            region: regionLabel(t, organisation.region),
            ceased: organisation.status === 'ceased',
          };
        })
      : [];
  const paging = outcome.kind === 'results' ? outcome : undefined;
  return {
    title: searched ? t('register.titleSearched', { query: query.q.slice(0, 60) || t('register.filtered') }) : t('register.title'),
    values: { q: query.q.slice(0, 200), sector: query.sector ?? '', region: query.region ?? '' },
    sectors: sectorChoices(t),
    regions: regionChoices(t),
    tooLong: outcome.kind === 'tooLong' ? outcome.max : undefined,
    countText: paging?.capped ? t('register.countMore', { count: 1000 }) : t('register.count', { count: paging?.total ?? 0 }),
    results,
    pagination:
      paging && paging.pageCount > 1
        ? {
            text: paging.capped ? t('register.pageOfMany', { page: paging.page }) : t('register.pageOf', { page: paging.page, pages: paging.pageCount }),
            previousHref: paging.page > 1 ? pageHref(lang, query, paging.page - 1) : undefined,
            nextHref: paging.page < paging.pageCount ? pageHref(lang, query, paging.page + 1) : undefined,
          }
        : undefined,
    openDataHref: pathTo('register.openData', { lang }),
    breadcrumbs: [{ text: t('common.home'), href: pathTo('home', { lang }) }, { text: t('register.title') }],
  };
}

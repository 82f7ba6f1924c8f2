/** The back office's register search: the public search's results, each leading to the entry's staff page. */
import type { Language } from '../../../config.ts';
import { pathTo } from '../../../http/paths.ts';
import type { Translate } from '../../../i18n/i18n.ts';
import type { RegisterQuery } from '../schemas.ts';
import { organisationName, type RegisterSearch } from '../service.ts';
import { presentRegisterSearch } from './search.ts';
import { spacedInn } from './labels.ts';

export function presentStaffSearch(t: Translate, lang: Language, query: RegisterQuery, outcome: RegisterSearch) {
  const view = presentRegisterSearch(t, lang, query, outcome);
  const rows =
    outcome.kind === 'results'
      ? outcome.organisations.map((organisation) => ({
          href: pathTo('staff.register.show', { id: organisation.id }),
          name: organisationName(organisation, lang),
          registrationNumber: organisation.registrationNumber,
          inn: spacedInn(organisation.inn),
          ceased: organisation.status === 'ceased',
        }))
      : [];
  const paging = (href: string | undefined) => href?.replace(pathTo('register.index', { lang }), pathTo('staff.register.index'));
  return {
    layout: 'staff',
    title: t('staffRegister.title'),
    values: view.values,
    sectors: view.sectors,
    regions: view.regions,
    tooLong: view.tooLong,
    countText: view.countText,
    rows,
    pagination: view.pagination && { ...view.pagination, previousHref: paging(view.pagination.previousHref), nextHref: paging(view.pagination.nextHref) },
  };
}

/** The back office's view of an entry: its details, arrays and history (who changed what, when), and its forms. */
import type { Language } from '../../../config.ts';
import { pathTo } from '../../../http/paths.ts';
import type { Translate } from '../../../i18n/i18n.ts';
import type { ChangeRow, OrganisationCase } from '../staff.ts';
import type { OrganisationEntry } from '../types.ts';
import { presentEntry } from './entry.ts';

/** The fields a change is compared on, with their labels (written out: each is checked in every language). */
const COMPARED: [keyof OrganisationEntry, string][] = [
  ['inn', 'register.fields.inn'],
  ['nameKy', 'register.fields.nameKy'],
  ['nameRu', 'register.fields.nameRu'],
  ['nameEn', 'register.fields.nameEn'],
  ['sector', 'register.fields.sector'],
  ['region', 'register.fields.region'],
  ['address', 'register.fields.address'],
  ['responsiblePerson', 'staffRegister.fields.responsiblePerson'],
  ['contactEmail', 'staffRegister.fields.contactEmail'],
  ['contactPhone', 'staffRegister.fields.contactPhone'],
  ['contactAddress', 'staffRegister.fields.contactAddress'],
  ['status', 'staffRegister.fields.status'],
  ['arrays', 'register.entry.arraysTitle'],
];

const ACTIONS: Record<string, string> = {
  registered: 'staffRegister.actions.registered',
  amended: 'staffRegister.actions.amended',
  ceased: 'staffRegister.actions.ceased',
  reinstated: 'staffRegister.actions.reinstated',
  merged: 'staffRegister.actions.merged',
};

function changedFields(t: Translate, before: OrganisationEntry | null, after: OrganisationEntry): string[] {
  if (!before) return [];
  return COMPARED.filter(([field]) => JSON.stringify(before[field]) !== JSON.stringify(after[field])).map(([, label]) => t(label));
}

const CASE_TYPES: Record<OrganisationCase['type'], string> = {
  complaint: 'track.types.complaint',
  report: 'track.types.report',
  breach: 'track.types.breach',
  registration: 'track.types.registration',
};

function presentCases(t: Translate, cases: OrganisationCase[]) {
  return cases.map((found) => ({
    href: pathTo('staff.cases.show', { reference: found.reference }),
    reference: found.reference,
    type: t(CASE_TYPES[found.type]),
    // Status words exist for every state (a unit test over workflow.ts checks them in every language).
    status: t(`casework.statuses.${found.status}`),
    receivedAt: found.received_at,
  }));
}

export function presentStaffEntry(
  t: Translate,
  lang: Language,
  found: { entry: OrganisationEntry; history: ChangeRow[]; cases: OrganisationCase[] },
  canEdit: boolean,
) {
  const { entry, history } = found;
  const publicView = presentEntry(t, lang, entry);
  // Each change is described by comparing the entry before it with the entry after it (the next change's "before").
  const rows = history.map((change, index) => {
    const after = history[index + 1]?.before ?? entry;
    return {
      at: change.at,
      action: t(ACTIONS[change.action] ?? 'staffRegister.actions.amended'),
      by: change.staffName ?? t('staffRegister.bySource', { source: change.source ?? '' }),
      changed: changedFields(t, change.before, after).join(', '),
    };
  });
  return {
    layout: 'staff',
    title: publicView.title,
    registrationNumber: entry.registrationNumber,
    ceased: publicView.ceased,
    ceasedOn: entry.ceasedOn,
    details: publicView.details,
    contact: publicView.contact,
    arrays: publicView.arrays,
    history: rows.reverse(),
    cases: presentCases(t, found.cases),
    queueHref: `${pathTo('staff.cases.index')}?status=all&organisation=${entry.registrationNumber}`,
    canEdit,
    editHref: pathTo('staff.register.edit', { id: entry.id }),
    ceaseAction: pathTo('staff.register.cease', { id: entry.id }),
    mergeAction: pathTo('staff.register.merge', { id: entry.id }),
    publicHref: pathTo('register.entry', { lang, number: entry.registrationNumber }),
    backHref: pathTo('staff.register.index'),
  };
}

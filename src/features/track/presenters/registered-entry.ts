/** A registration case's entry in the register, as its holder sees it on the case page, and whether they may change it here. */
import type { Language } from '../../../config.ts';
import { pathTo } from '../../../http/paths.ts';
import { MAX_ARRAYS } from '../../intake/registration-schemas.ts';
import type { OrganisationEntry } from '../../register/types.ts';

/** The holder may change an entry registered by this case while it is in the register and fits one application. */
export function amendableEntry(found: { type: string; status: string; organisation_id?: number | null }, entry: OrganisationEntry): boolean {
  return removableEntry(found, entry) && entry.arrays.length <= MAX_ARRAYS;
}

/** The holder may ask to remove an entry registered by this case while it is in the register. */
function removableEntry(found: { type: string; status: string }, entry: OrganisationEntry): boolean {
  return found.type === 'registration' && found.status === 'registered' && entry.status === 'registered';
}

export interface RegisteredEntryView {
  number: string;
  publicHref: string;
  ceased: boolean;
  /** The entry has more arrays than one application lists: changes go by message to the Agency. */
  tooLarge: boolean;
  canAmend: boolean;
  /** The form asking to remove the entry, while the holder may ask. */
  deregisterHref?: string;
  maxArrays: number;
}

export function presentRegisteredEntry(found: { type: string; status: string }, entry: OrganisationEntry, lang: Language): RegisteredEntryView {
  return {
    number: entry.registrationNumber,
    publicHref: pathTo('register.entry', { lang, number: entry.registrationNumber }),
    ceased: entry.status === 'ceased',
    tooLarge: entry.arrays.length > MAX_ARRAYS,
    canAmend: amendableEntry(found, entry),
    ...(removableEntry(found, entry) ? { deregisterHref: pathTo('track.deregister', { lang }) } : {}),
    maxArrays: MAX_ARRAYS,
  };
}

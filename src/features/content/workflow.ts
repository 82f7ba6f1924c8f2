/**
 * The editorial workflow, as data: a version of a translation goes draft → in review → published (or
 * scheduled, then published) → archived. Approving takes a second person: never the version's author.
 * Translations stay in step through `basedOn`: a change in one language marks the others outdated until
 * a version made from it is published. Pure rules, unit-tested; the service applies them in transactions.
 */
import type { Language } from '../../config.ts';
import type { StaffRole } from '../staff/permissions.ts';

export const VERSION_STATUSES = ['draft', 'in_review', 'scheduled', 'published', 'archived'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

/** What a version changes: the text (others must follow), a translation of another language, or a minor fix. */
export const CHANGE_KINDS = ['change', 'translation', 'minor'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number] | 'seed';

export const TRANSITIONS = ['submit', 'approve', 'return', 'archive'] as const;
export type Transition = (typeof TRANSITIONS)[number];

interface Rule {
  from: readonly VersionStatus[];
  roles: readonly StaffRole[];
  /** The version's author may not take this step (two people publish). */
  notAuthor: boolean;
}

export const RULES: Record<Transition, Rule> = {
  submit: { from: ['draft'], roles: ['editor'], notAuthor: false },
  approve: { from: ['in_review'], roles: ['editor', 'supervisor'], notAuthor: true },
  return: { from: ['in_review', 'scheduled'], roles: ['editor', 'supervisor'], notAuthor: false },
  archive: { from: ['published'], roles: ['editor', 'supervisor'], notAuthor: false },
};

export type Refusal = 'status' | 'role' | 'author';

/** Whether `actor` may take `transition` on a version; the reason when not. */
export function checkTransition(
  transition: Transition,
  version: { status: VersionStatus; authorId: number | null },
  actor: { id: number; role: StaffRole },
): Refusal | undefined {
  const rule = RULES[transition];
  if (!rule.roles.includes(actor.role)) return 'role';
  if (!rule.from.includes(version.status)) return 'status';
  if (rule.notAuthor && version.authorId === actor.id) return 'author';
  return undefined;
}

/** The status an approved version takes: scheduled while its publication time is in the future. */
export function approvedStatus(publishAt: Date | null, now: Date): 'published' | 'scheduled' {
  return publishAt && publishAt.getTime() > now.getTime() ? 'scheduled' : 'published';
}

export interface PublishedState {
  number: number;
  changeKind: ChangeKind;
  basedOn: Partial<Record<Language, number>>;
}

/**
 * Which published translations are outdated: a language is, when another language's published version is a
 * change (not a translation, a minor fix or the seed's) made after the version this one was based on.
 */
export function outdatedLanguages(published: Partial<Record<Language, PublishedState>>): Set<Language> {
  const outdated = new Set<Language>();
  const entries = Object.entries(published) as [Language, PublishedState][];
  for (const [lang, state] of entries) {
    for (const [other, source] of entries) {
      if (other !== lang && source.changeKind === 'change' && (state.basedOn[other] ?? 0) < source.number) outdated.add(lang);
    }
  }
  return outdated;
}

/** The languages a translation was made from: the other languages' published numbers now. */
export function basedOnNow(lang: Language, published: Partial<Record<Language, { number: number }>>): Partial<Record<Language, number>> {
  return Object.fromEntries(Object.entries(published).flatMap(([other, state]) => (other === lang ? [] : [[other, state.number]])));
}

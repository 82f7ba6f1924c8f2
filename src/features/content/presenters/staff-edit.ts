/**
 * /staff/content/:id/:lang: the edit form (values from the latest version, or the editor's own input after an
 * error or a conflict), the translation's state, what changed in its source language when it needs updating,
 * the server-rendered preview and the workflow buttons the signed-in person may press.
 */
import { LANGUAGES, type Language } from '../../../config.ts';
import { LANGUAGE_NAMES } from '../../../http/language.ts';
import { pathTo } from '../../../http/paths.ts';
import type { Translate } from '../../../i18n/i18n.ts';
import type { EditorState, VersionRow } from '../editing.ts';
import type { StaffRole } from '../../staff/permissions.ts';
import { withContext, type DiffPart } from '../text-diff.ts';
import { checkTransition, type Transition } from '../workflow.ts';
import { STATUS_KEYS } from './staff-list.ts';

export interface EditValues {
  base: number;
  changeKind: string;
  title: string;
  summary: string;
  legalBasis: string;
  lastReviewed: string;
  bodyMarkdown: string;
  related: string;
}

export interface Preview {
  title: string;
  summary: string;
  bodyHtml: string;
  legalBasis: string;
  lastReviewed: string;
  dropped: { html: boolean; images: boolean; links: boolean };
}

export interface EditView {
  heading: string;
  slug: string;
  /** The translation's language (the page itself speaks the staff member's). */
  contentLang: Language;
  langName: string;
  otherLanguages: { langName: string; href: string }[];
  historyHref: string;
  latest: { number: number; statusKey: string } | undefined;
  publishedNumber: number | undefined;
  needsUpdate: { langName: string; from: number; to: number; diff: DiffPart[] }[];
  values: EditValues;
  changeKinds: { value: string; label: string }[];
  actions: { transition: Transition; href: string; labelKey: string }[];
  /** The latest version is the reader's own and waits for approval: someone else must approve it. */
  ownInReview: boolean;
  archiveHref: string | undefined;
}

function valuesFrom(version: VersionRow | undefined, changeKind: string): EditValues {
  return {
    base: version?.number ?? 0,
    changeKind,
    title: version?.title ?? '',
    summary: version?.summary ?? '',
    legalBasis: version?.legal_basis ?? '',
    lastReviewed: version?.last_reviewed ?? '',
    bodyMarkdown: version?.body_markdown ?? '',
    related: version?.related.join(', ') ?? '',
  };
}

const ACTION_LABELS: Record<Exclude<Transition, 'archive'>, string> = {
  submit: 'editorial.actions.submit',
  approve: 'editorial.actions.approve',
  return: 'editorial.actions.return',
};

function actionsFor(state: EditorState, user: { id: number; role: StaffRole }) {
  const { latest, item } = state;
  if (!latest) return [];
  return (Object.keys(ACTION_LABELS) as (keyof typeof ACTION_LABELS)[])
    .filter((transition) => !checkTransition(transition, { status: latest.status, authorId: latest.author_id }, user))
    .map((transition) => ({
      transition,
      href: pathTo('staff.content.transition', { id: item.id, lang: latest.lang, number: latest.number, transition }),
      labelKey: ACTION_LABELS[transition],
    }));
}

export function presentEdit(state: EditorState, lang: Language, user: { id: number; role: StaffRole }, t: Translate, values?: EditValues): EditView {
  const { item, latest, published } = state;
  const defaultKind = state.sourceChanges.length > 0 ? 'translation' : 'change';
  const archive = published && !checkTransition('archive', { status: published.status, authorId: published.author_id }, user);
  return {
    heading: latest?.title ?? item.slug,
    slug: item.slug,
    contentLang: lang,
    langName: LANGUAGE_NAMES[lang],
    otherLanguages: LANGUAGES.filter((other) => other !== lang).map((other) => ({
      langName: LANGUAGE_NAMES[other],
      href: pathTo('staff.content.edit', { id: item.id, lang: other }),
    })),
    historyHref: pathTo('staff.content.history', { id: item.id, lang }),
    latest: latest && { number: latest.number, statusKey: STATUS_KEYS[latest.status] },
    publishedNumber: published?.number,
    needsUpdate: state.sourceChanges.map((change) => ({
      langName: LANGUAGE_NAMES[change.lang],
      from: change.from,
      to: change.to,
      diff: withContext(change.diff),
    })),
    values: values ?? valuesFrom(latest, defaultKind),
    changeKinds: [
      { value: 'change', label: t('editorial.changeKinds.change') },
      { value: 'translation', label: t('editorial.changeKinds.translation') },
      { value: 'minor', label: t('editorial.changeKinds.minor') },
    ],
    actions: actionsFor(state, user),
    ownInReview: Boolean(latest && latest.status === 'in_review' && latest.author_id === user.id),
    archiveHref: archive ? pathTo('staff.content.transition', { id: item.id, lang, number: published.number, transition: 'archive' }) : undefined,
  };
}

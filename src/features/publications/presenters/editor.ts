/** The publication editor's view model (pure): the case, the state of its publication, the text and the findings. */
import type { Translate } from '../../../i18n/i18n.ts';
import { pathTo } from '../../../http/paths.ts';
import type { Finding } from '../anonymise.ts';
import type { EditorState } from '../service.ts';

export interface EditorView {
  layout: 'staff';
  title: string;
  reference: string;
  caseHref: string;
  languageName: string;
  status: 'new' | 'draft' | 'approved' | 'withdrawn';
  statusLabel: string;
  preparedBy?: string;
  approvedBy?: string;
  publicHref?: string;
  canApprove: boolean;
  waitingForSecond: boolean;
  canWithdraw: boolean;
  values: Record<string, string>;
  detected: { kindLabel: string; text: string }[];
  remaining: { kindLabel: string; text: string }[];
  summaries: { name: string; label: string; optional: boolean }[];
}

function findingsView(t: Translate, findings: readonly Finding[]) {
  return findings.map((finding) => ({ kindLabel: t(`publications.kinds.${finding.kind}`), text: finding.text }));
}

export function presentEditor(t: Translate, state: EditorState, viewerId: number, posted?: Record<string, unknown>): EditorView {
  const { source, publication } = state;
  const status = publication?.status ?? 'new';
  const text = (value: unknown): string => (typeof value === 'string' ? value : '');
  const values = {
    text: posted ? text(posted.text) : state.text,
    summary_ky: posted ? text(posted.summary_ky) : (publication?.summary_ky ?? ''),
    summary_ru: posted ? text(posted.summary_ru) : (publication?.summary_ru ?? ''),
    summary_en: posted ? text(posted.summary_en) : (publication?.summary_en ?? ''),
    extraTerms: posted ? text(posted.extraTerms) : '',
  };
  return {
    layout: 'staff',
    title: t('publications.staff.title', { reference: source.reference }),
    reference: source.reference,
    caseHref: pathTo('staff.cases.show', { reference: source.reference }),
    languageName: t(`publications.languages.${source.language}`),
    status,
    statusLabel: t(`publications.statuses.${status}`),
    preparedBy: publication?.preparer_name ?? undefined,
    approvedBy: publication?.approver_name ?? undefined,
    publicHref: status === 'approved' && publication ? pathTo('decisions.show', { lang: source.language, id: publication.id }) : undefined,
    canApprove: status === 'draft' && publication?.prepared_by !== viewerId,
    waitingForSecond: status === 'draft' && publication?.prepared_by === viewerId,
    canWithdraw: status === 'draft' || status === 'approved',
    values,
    detected: findingsView(t, state.detected),
    remaining: findingsView(t, state.remaining),
    summaries: (['ky', 'ru', 'en'] as const).map((lang) => ({
      name: `summary_${lang}`,
      label: t(`publications.staff.summary_${lang}`),
      optional: lang === source.language,
    })),
  };
}

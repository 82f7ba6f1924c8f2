/**
 * Publishing a decided case's decision, anonymised: a supervisor prepares it (the text pre-masked by the
 * anonymiser, then edited by hand, with summaries in the other two languages); a second supervisor approves it;
 * either may withdraw it. Each step is an audit event and clears the public pages' cache on every instance.
 */
import type { Knex } from 'knex';
import createHttpError from 'http-errors';
import type { Language } from '../../config.ts';
import type { Translator } from '../../i18n/i18n.ts';
import { record, recordAlone } from '../audit/service.ts';
import { publicationSource, type PublicationSource } from '../casework/service.ts';
import { anonymise, detect, mask, type Finding, type FindingKind } from './anonymise.ts';
import {
  announceChange,
  findPublished,
  listPublished,
  lockPublication,
  publicationOfCase,
  saveDraft,
  setStatus,
  type PublicationWithNames,
} from './repository.ts';

export type { PublicationRow } from './repository.ts';

export interface PublicationDeps {
  knex: Knex;
  translator: Translator;
}

export interface Actor {
  id: number;
  requestId: string | null;
}

export interface DraftInput {
  text: string;
  summaries: Partial<Record<Language, string>>;
  /** Words or phrases to mask as well (one per line in the form). */
  extraTerms: string[];
}

export interface EditorState {
  source: PublicationSource;
  publication?: PublicationWithNames;
  /** The text to edit: the stored draft, or the decision as the anonymiser masked it. */
  text: string;
  /** What the anonymiser found in the original decision. */
  detected: Finding[];
  /** What still looks personal in the text to edit. */
  remaining: Finding[];
}

function labeller(deps: PublicationDeps, lang: Language): (kind: FindingKind) => string {
  const t = deps.translator.forLanguage(lang);
  return (kind) => t(`publications.masks.${kind}`);
}

function anonymiserOptions(source: PublicationSource) {
  return { knownNames: source.personNames, knownDetails: source.personDetails, keep: [source.organisationName] };
}

/** The case's issued decision; a case without one has nothing to publish (409), an unknown case is a 404. */
async function sourceOf(deps: PublicationDeps, reference: string): Promise<PublicationSource> {
  const source = await publicationSource(deps.knex, reference);
  if (source === 'noCase') throw createHttpError(404);
  if (source === 'noDecision') throw createHttpError(409);
  return source;
}

/**
 * The editor's state, or 'noDecision' for a case not (yet) decided. It shows the decision as issued and what was
 * found in it (people's names and contacts), so opening it is recorded as a read of personal data.
 */
export async function editorState(deps: PublicationDeps, reference: string, actor: Actor): Promise<EditorState | 'noDecision'> {
  const source = await publicationSource(deps.knex, reference);
  if (source === 'noCase') throw createHttpError(404);
  if (source === 'noDecision') return source;
  const publication = await publicationOfCase(deps.knex, source.caseId);
  const first = anonymise(source.text, anonymiserOptions(source), labeller(deps, source.language));
  const text = publication?.text ?? first.text;
  const details = { personalData: true, found: first.findings.length };
  await recordAlone(deps.knex, {
    actorType: 'staff',
    actorId: actor.id,
    action: 'decision.publication.viewed',
    entityType: 'case',
    entityId: reference,
    requestId: actor.requestId,
    details,
  });
  return { source, publication, text, detected: first.findings, remaining: detect(text, anonymiserOptions(source)) };
}

/** The language of the case's decision (its form needs the other two summaries). */
export async function publicationLanguage(deps: PublicationDeps, reference: string): Promise<Language | 'noDecision'> {
  const source = await publicationSource(deps.knex, reference);
  if (source === 'noCase') throw createHttpError(404);
  return source === 'noDecision' ? source : source.language;
}

/** Stores the draft (the editor's extra words masked too); it waits for a second supervisor again. */
export async function prepare(deps: PublicationDeps, reference: string, input: DraftInput, actor: Actor): Promise<void> {
  const source = await sourceOf(deps, reference);
  const extra = detect(input.text, { extraTerms: input.extraTerms });
  const text = mask(input.text, extra, labeller(deps, source.language));
  const summary = (lang: Language): string | null => (lang === source.language ? null : (input.summaries[lang] ?? null));
  await deps.knex.transaction(async (trx) => {
    const before = await lockPublication(trx, source.caseId);
    const id = await saveDraft(trx, {
      case_id: source.caseId,
      decision_id: source.decisionId,
      language: source.language,
      text,
      summary_ky: summary('ky'),
      summary_ru: summary('ru'),
      summary_en: summary('en'),
      outcome: source.outcome,
      sector: source.sector,
      organisation_name: source.organisationName,
      decided_on: source.decidedOn,
      prepared_by: actor.id,
    });
    if (before?.status === 'approved') await announceChange(trx);
    const details = {
      publication: id,
      masked: extra.length,
      remaining: detect(text, anonymiserOptions(source)).length,
      wasPublished: before?.status === 'approved',
    };
    await record(trx, {
      actorType: 'staff',
      actorId: actor.id,
      action: 'decision.publication.prepared',
      entityType: 'case',
      entityId: reference,
      requestId: actor.requestId,
      details,
    });
  });
}

export type ApprovalOutcome = 'approved' | 'samePerson' | 'notDraft';

/** Publishes the draft — only by a supervisor who did not prepare it. */
export async function approve(deps: PublicationDeps, reference: string, actor: Actor): Promise<ApprovalOutcome> {
  const source = await sourceOf(deps, reference);
  return deps.knex.transaction(async (trx) => {
    const draft = await lockPublication(trx, source.caseId);
    if (draft?.status !== 'draft') return 'notDraft';
    if (draft.prepared_by === actor.id) return 'samePerson';
    await setStatus(trx, draft.id, { status: 'approved', by: actor.id });
    await announceChange(trx);
    const details = { publication: draft.id, preparedBy: draft.prepared_by };
    await record(trx, {
      actorType: 'staff',
      actorId: actor.id,
      action: 'decision.publication.approved',
      entityType: 'case',
      entityId: reference,
      requestId: actor.requestId,
      details,
    });
    return 'approved';
  });
}

/** Takes a published (or draft) decision off the public pages. */
export async function withdraw(deps: PublicationDeps, reference: string, actor: Actor): Promise<boolean> {
  const source = await sourceOf(deps, reference);
  return deps.knex.transaction(async (trx) => {
    const current = await lockPublication(trx, source.caseId);
    if (!current || current.status === 'withdrawn') return false;
    await setStatus(trx, current.id, { status: 'withdrawn', by: actor.id });
    if (current.status === 'approved') await announceChange(trx);
    const details = { publication: current.id, was: current.status };
    await record(trx, {
      actorType: 'staff',
      actorId: actor.id,
      action: 'decision.publication.withdrawn',
      entityType: 'case',
      entityId: reference,
      requestId: actor.requestId,
      details,
    });
    return true;
  });
}

export const PUBLIC_PAGE_SIZE = 20;

export function publishedPage(deps: Pick<PublicationDeps, 'knex'>, q: string | undefined, page: number) {
  return listPublished(deps.knex, { q, offset: (page - 1) * PUBLIC_PAGE_SIZE, limit: PUBLIC_PAGE_SIZE });
}

export function publishedDecision(deps: Pick<PublicationDeps, 'knex'>, id: number) {
  return findPublished(deps.knex, id);
}

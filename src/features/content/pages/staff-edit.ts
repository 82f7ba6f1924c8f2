/**
 * /staff/content/:id/:lang: the edit page, and its form post — "preview" renders the text through the public
 * renderer without saving; "save" stores a new draft version. A save based on an older version than the
 * latest is a conflict: the page shows the other version and the differences, and keeps the editor's text.
 */
import type { Request, Response } from 'express';
import createHttpError from 'http-errors';
import type { Knex } from 'knex';
import { requestId } from '../../../http/logging.ts';
import type { Translate } from '../../../i18n/i18n.ts';
import { pathTo } from '../../../http/paths.ts';
import { validate, type FormErrors } from '../../../http/validation.ts';
import { currentStaff } from '../../staff/auth.ts';
import { editorState, saveDraft, type EditorState, type VersionRow } from '../editing.ts';
import { presentEdit, type EditValues, type Preview } from '../presenters/staff-edit.ts';
import { STATUS_KEYS } from '../presenters/staff-list.ts';
import { editForm, editFormWithOptional, editParams, MAX_MARKDOWN } from '../schemas.ts';
import { structuredForm, typedStructured, type ArticleField, type StructuredForm } from '../structured-form.ts';
import { droppedMarkup, renderMarkdown } from '../source.ts';
import { wordDiff, type DiffPart } from '../text-diff.ts';

interface Deps {
  knex: Knex;
}

interface Extra {
  status?: number;
  values?: EditValues;
  errors?: FormErrors;
  preview?: Preview;
  conflict?: { number: number; title: string; bodyMarkdown: string; diff: DiffPart[] };
  saved?: number;
  /** The status key a workflow step just led to. */
  done?: string;
  /** A campaign's or letter template's own fields as the editor typed them. */
  structuredValues?: Record<string, string>;
}

export function render(req: Request, res: Response, state: EditorState, extra: Extra = {}): void {
  const { t } = res.locals;
  const params = editParams.parse(req.params);
  const view = presentEdit(state, params.lang, currentStaff(res), t, extra.values);
  const structured = structuredForm(state.item.kind, state.item.slug);
  res.status(extra.status ?? 200).render('staff/content/edit', {
    layout: 'staff',
    title: t('editorial.edit.title', { title: view.heading, language: view.langName }),
    ...view,
    errors: extra.errors,
    preview: extra.preview,
    conflict: extra.conflict,
    saved: extra.saved,
    done: extra.done,
    labels: articleLabels(structured, t),
    structured: structured && {
      legendKey: structured.legendKey,
      fields: structured.present(extra.structuredValues ?? structured.values(state.latest?.extra ?? {}), extra.errors, t),
    },
    maxMarkdown: MAX_MARKDOWN,
  });
}

const ARTICLE_LABELS: Record<ArticleField, string> = {
  title: 'editorial.fields.title',
  summary: 'editorial.fields.summary',
  bodyMarkdown: 'editorial.fields.body',
  legalBasis: 'editorial.fields.legalBasis',
};

/** The article fields' labels: the kind's own words where it has them, "(optional)" where it may be left empty. */
function articleLabels(form: StructuredForm | undefined, t: Translate): Record<ArticleField, string> {
  const label = (field: ArticleField): string => {
    const text = t(form?.articleLabels?.[field] ?? ARTICLE_LABELS[field]);
    return form?.optional?.includes(field) ? t('editorial.fields.optional', { label: text }) : text;
  };
  return { title: label('title'), summary: label('summary'), bodyMarkdown: label('bodyMarkdown'), legalBasis: label('legalBasis') };
}

export async function loadState(knex: Knex, req: Request): Promise<EditorState> {
  const params = editParams.safeParse(req.params);
  const state = params.success ? await editorState(knex, params.data.id, params.data.lang) : undefined;
  if (!state) throw createHttpError(404);
  return state;
}

export function staffEditPage({ knex }: Deps) {
  return async (req: Request, res: Response): Promise<void> => {
    const state = await loadState(knex, req);
    const saved = Number(req.query.saved);
    const done = typeof req.query.done === 'string' && req.query.done in STATUS_KEYS ? STATUS_KEYS[req.query.done as keyof typeof STATUS_KEYS] : undefined;
    render(req, res, state, { ...(Number.isInteger(saved) && saved > 0 ? { saved } : {}), done });
  };
}

/** The form's errors with those of the kind's own fields (one message each, naming the field). */
function mergeErrors(form: FormErrors | undefined, fields: readonly string[], key: string): FormErrors | undefined {
  if (!form && fields.length === 0) return undefined;
  const merged: FormErrors = { list: [...(form?.list ?? [])], byField: { ...(form?.byField ?? {}) } };
  for (const field of fields) {
    const error = { field, key, values: {} };
    merged.list.push(error);
    merged.byField[field] = error;
  }
  return merged;
}

/** What the editor typed, as text, to put back in the form. */
function typed(body: unknown): EditValues {
  const input = (body ?? {}) as Record<string, unknown>;
  const text = (name: string): string => (typeof input[name] === 'string' ? input[name] : '');
  return {
    base: Number(text('base')) || 0,
    changeKind: text('changeKind'),
    title: text('title'),
    summary: text('summary'),
    legalBasis: text('legalBasis'),
    lastReviewed: text('lastReviewed'),
    bodyMarkdown: text('bodyMarkdown'),
    related: text('related'),
  };
}

function previewOf(values: EditValues): Preview {
  return {
    title: values.title,
    summary: values.summary,
    bodyHtml: renderMarkdown(values.bodyMarkdown),
    legalBasis: values.legalBasis,
    lastReviewed: values.lastReviewed,
    dropped: droppedMarkup(values.bodyMarkdown),
  };
}

function conflictOf(theirs: VersionRow, mine: EditValues): NonNullable<Extra['conflict']> {
  return {
    number: theirs.number,
    title: theirs.title,
    bodyMarkdown: theirs.body_markdown,
    diff: wordDiff(theirs.body_markdown, mine.bodyMarkdown, theirs.lang),
  };
}

export function staffEditPost({ knex }: Deps) {
  return async (req: Request, res: Response): Promise<void> => {
    const state = await loadState(knex, req);
    const values = typed(req.body);
    const form = structuredForm(state.item.kind, state.item.slug);
    const parsed = validate(form?.optional ? editFormWithOptional(form.optional) : editForm, req.body);
    const own = form?.parse(req.body as Record<string, unknown>);
    const structuredValues = form && typedStructured(form, req.body);
    const errors = mergeErrors(parsed.ok ? undefined : parsed.errors, own && !own.ok ? own.fields : [], form?.errorKey ?? '');
    if (!parsed.ok || errors) return render(req, res, state, { status: 400, values, errors, structuredValues });
    if (parsed.data.action === 'preview') return render(req, res, state, { values, preview: previewOf(values), structuredValues });
    const user = currentStaff(res);
    const { id, lang } = editParams.parse(req.params);
    const extraInput = own?.ok ? { extra: own.extra } : {};
    const outcome = await saveDraft(knex, { ...parsed.data, ...extraInput, itemId: id, lang }, { id: user.id, role: user.role, requestId: requestId(req) });
    if (outcome.kind === 'conflict') {
      // The editor's text stays in the form; saving again (now based on the other version) keeps both in the history.
      return render(req, res, state, {
        status: 409,
        values: { ...values, base: outcome.theirs.number },
        conflict: conflictOf(outcome.theirs, values),
        structuredValues,
      });
    }
    if (outcome.kind === 'unknownRelated') {
      const error = { field: 'related', key: 'editorial.errors.relatedUnknown', values: { slugs: outcome.slugs.join(', ') } };
      return render(req, res, state, { status: 400, values, errors: { list: [error], byField: { related: error } } });
    }
    res.redirect(303, `${pathTo('staff.content.edit', { id, lang })}?saved=${String(outcome.version.number)}`);
  };
}

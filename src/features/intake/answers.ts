/**
 * A journey's answers for people, built from the steps' field definitions (pure): the form's inputs, the rows
 * of "check your answers", the staff case page and the citizen's copy all come from the same `fields`, so an
 * answer is always shown under its own question, with its own choices' labels, in the order of the form.
 */
import type { Language } from '../../config.ts';
import type { Translate } from '../../i18n/i18n.ts';
import { formatLongDate } from '../../lib/dates.ts';
import { toDateParts } from '../../http/date-fields.ts';
import type { FieldError, FormErrors } from '../../http/validation.ts';
import type { Answers, Field, Journey, Step } from './journey.ts';

interface AnswerRow {
  name: string;
  label: string;
  /** One text, or the labels of several choices. */
  value: string | string[];
  isList: boolean;
}

export interface AnswerSection {
  step: string;
  title: string;
  rows: AnswerRow[];
}

export interface PresentContext {
  t: Translate;
  lang: Language;
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/** 120 000 / 120,000: a count in the reader's language. */
function formatCount(value: number, lang: string): string {
  let format = numberFormats.get(lang);
  if (!format) {
    format = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 });
    numberFormats.set(lang, format);
  }
  return format.format(value);
}

/** A checkbox group posts nothing, one value (a string) or several (an array). */
function asList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string' && item !== '');
  return typeof value === 'string' && value !== '' ? [value] : [];
}

/** Stored yes/no answers were sometimes kept as booleans. */
function choiceValue(value: unknown): string {
  if (value === true) return 'yes';
  if (value === false) return 'no';
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

function choiceLabel(field: Field, value: string, t: Translate): string {
  const { choices } = field;
  // A code no longer offered (an older form) is shown as it was given rather than dropped.
  return choices?.values.includes(value) ? t(`${choices.prefix}.${value}`) : value;
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/** One answer as people read it; undefined when there is none. */
function presentValue(field: Field, value: unknown, { t, lang }: PresentContext): string | string[] | undefined {
  if (isEmpty(value)) return undefined;
  switch (field.kind) {
    case 'checkboxes': {
      const chosen = asList(value);
      return chosen.length > 0 ? chosen.map((item) => choiceLabel(field, item, t)) : undefined;
    }
    case 'radios':
      return choiceLabel(field, choiceValue(value), t);
    case 'confirm':
      return value === 'yes' || value === true || (Array.isArray(value) && value.includes('yes')) ? t('intake.yesNo.yes') : undefined;
    case 'date':
      return typeof value === 'string' ? formatLongDate(value, lang) : undefined;
    case 'number': {
      const digits = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,15}$/.test(value.trim()) ? Number(value.trim()) : undefined;
      if (digits !== undefined) return formatCount(digits, lang);
      return typeof value === 'string' ? value : undefined;
    }
    default:
      return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
  }
}

/** The rows of one step: each question asked, in the form's order, with its answer or "Not given". */
function presentStep(step: Step, values: Record<string, unknown>, context: PresentContext): AnswerRow[] {
  const { t } = context;
  return (step.fields ?? [])
    .filter((field) => field.applies?.(values) ?? true)
    .map((field) => {
      const value = presentValue(field, values[field.name], context) ?? t(field.emptyKey ?? 'intake.notGiven');
      return { name: field.name, label: t(field.kind === 'confirm' && field.statement ? field.statement : field.label), value, isList: Array.isArray(value) };
    });
}

/** Every answered step of a journey, in order, as titled sections. */
export function presentAnswers(journey: Journey, answers: Answers, context: PresentContext, steps: readonly Step[] = journey.steps): AnswerSection[] {
  return steps
    .filter((step) => step.kind === 'form' && step.fields && answers[step.id] !== undefined)
    .map((step) => ({ step: step.id, title: context.t(step.titleKey), rows: presentStep(step, answers[step.id] ?? {}, context) }));
}

/** The answers as plain text (the summary in the citizen's download). */
export function answersText(sections: readonly AnswerSection[]): string {
  return sections
    .map((section) =>
      [
        section.title,
        '='.repeat(section.title.length),
        ...section.rows.map((row) =>
          row.isList
            ? `${row.label}\n${(row.value as string[]).map((item) => `  - ${item}`).join('\n')}`
            : `${row.label}\n  ${String(row.value).replace(/\n/g, '\n  ')}`,
        ),
      ].join('\n'),
    )
    .join('\n\n');
}

/** A form field as the partials in views/partials/fields expect it. */
export interface FieldView {
  partial: string;
  name: string;
  label: string;
  legend: string;
  hint?: string;
  value?: unknown;
  values?: string[];
  items?: { value: string; label: string; hint?: string }[];
  error?: FieldError;
  optional?: boolean;
  type?: string;
  autocomplete?: string;
  width?: string;
  inputmode?: string;
  spellcheck?: string;
  rows?: number;
  inline?: boolean;
}

const PARTIALS: Record<Field['kind'], string> = {
  text: 'fields/text',
  email: 'fields/text',
  tel: 'fields/text',
  time: 'fields/text',
  number: 'fields/text',
  textarea: 'fields/textarea',
  radios: 'fields/radios',
  checkboxes: 'fields/checkboxes',
  confirm: 'fields/checkboxes',
  date: 'fields/date',
};

function dateValue(value: unknown): unknown {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? toDateParts(value) : value;
}

/** The step's questions for its form, with the values to show (stored or just posted) and their errors. */
export function fieldViews(step: Step, t: Translate, values: Record<string, unknown>, errors?: FormErrors): Record<string, FieldView> {
  const views: Record<string, FieldView> = {};
  for (const field of step.fields ?? []) {
    const label = t(field.label);
    const value = values[field.name];
    const items =
      field.kind === 'confirm'
        ? [{ value: 'yes', label: t(field.statement ?? field.label) }]
        : field.choices?.values.map((choice) => ({
            value: choice,
            label: t(`${field.choices?.prefix ?? ''}.${choice}`),
            ...(field.choices?.hints ? { hint: t(`${field.choices.prefix}Hints.${choice}`) } : {}),
          }));
    views[field.name] = {
      partial: PARTIALS[field.kind],
      name: field.name,
      label,
      legend: label,
      ...(field.hint ? { hint: t(field.hint) } : {}),
      ...(field.kind === 'checkboxes' || field.kind === 'confirm'
        ? { values: asList(value) }
        : {
            value: field.kind === 'date' ? dateValue(value) : field.kind === 'radios' ? choiceValue(value) : typeof value === 'number' ? String(value) : value,
          }),
      ...(items ? { items } : {}),
      ...(errors?.byField[field.name] ? { error: errors.byField[field.name] } : {}),
      ...(field.optional && field.kind !== 'checkboxes' ? { optional: true } : {}),
      ...(field.kind === 'email' || field.kind === 'tel' ? { type: field.kind } : {}),
      ...(field.kind === 'time' ? { width: 'short', inputmode: 'numeric' } : {}),
      ...field.input,
    };
  }
  return views;
}

/**
 * Multi-step intake journeys (complaint, violation report, breach notification) as data: each step has an
 * address, a zod schema whose messages are translation keys, a template, and its questions (fields), from
 * which the form, "check your answers" and every later copy of the answers are built. Steps may apply only
 * to some answers. Navigation is pure and unit-tested.
 */
import type { z } from 'zod';
import type { Language } from '../../config.ts';
import type { Translate } from '../../i18n/i18n.ts';
import type { NewCase } from '../cases/submission.ts';

/** The kind of case a journey files. */
export type CaseType = NewCase['type'];

export type Answers = Record<string, Record<string, unknown>>;

interface StepContext {
  t: Translate;
  lang: Language;
  answers: Answers;
  today: string;
}

/**
 * How a question is asked and how its answer reads: one definition serves the form (label, hint, choices,
 * input attributes), "check your answers", the staff case page and the citizen's copy.
 */
type FieldKind = 'text' | 'email' | 'tel' | 'textarea' | 'radios' | 'checkboxes' | 'confirm' | 'date' | 'time' | 'number';

export interface Field {
  name: string;
  kind: FieldKind;
  /** Translation key of the question: the label, or the legend of a group of choices. */
  label: string;
  hint?: string;
  /** Choices: their values, labelled by `<prefix>.<value>` (with `hints`: hinted by `<prefix>Hints.<value>`). */
  choices?: { values: readonly string[]; prefix: string; hints?: boolean };
  /** 'confirm' fields: the statement the single box confirms. */
  statement?: string;
  optional?: boolean;
  /** Whether the question was asked, given the step's answers (default: always). */
  applies?: (values: Record<string, unknown>) => boolean;
  /** What an empty answer reads as (default "Not given"). */
  emptyKey?: string;
  /** Input attributes the form partials understand. */
  input?: { autocomplete?: string; width?: 'short' | 'medium'; inputmode?: string; spellcheck?: 'false'; rows?: number; inline?: boolean };
}

/** What a step's `verify` may look up in cases already filed (given by the intake service). */
export interface CaseLookups {
  /** The type of the case with this reference, if there is one. */
  caseTypeOf: (reference: string) => Promise<CaseType | undefined>;
  /** Whether the register already holds an array of this name for this ИНН. */
  arrayRegistered: (inn: string, arrayName: string) => Promise<boolean>;
}

export interface Step {
  id: string;
  titleKey: string;
  /** 'form' steps validate a schema; 'evidence' manages files; 'check' shows the answers and submits. */
  kind: 'form' | 'evidence' | 'check';
  /** The form's rules; a function when they depend on earlier answers. */
  schema?: z.ZodType<Record<string, unknown>> | ((answers: Answers) => z.ZodType<Record<string, unknown>>);
  /** The questions, in the order of the form (file inputs are not answers: they are listed with the files). */
  fields?: readonly Field[];
  /** Day / month / year fields the form posts as three inputs each. */
  dateFields?: readonly string[];
  /** A single optional file posted with the form (the step's form is then multipart). */
  /** `alsoLists`: files of other purposes the step shows beside its own (a request letter carried over). */
  fileField?: { name: string; purpose: string; alsoLists?: readonly string[] };
  /** Whether the step is asked, given the answers so far (default: always). */
  applies?: (answers: Answers) => boolean;
  /** Extra values the template shows (computed, never typed by the user). */
  extra?: (context: StepContext) => Record<string, unknown>;
  /**
   * The step names an organisation that the register may hold (the organisation picker): its name field, and the
   * ИНН field a picked entry fills when empty. The pick is kept in the step's answers as `organisationNumber`.
   */
  picker?: { name: string; inn?: string };
  /** Checks that need the database (e.g. that a referenced case exists): a field and a message key when wrong. */
  verify?: (values: Record<string, unknown>, lookups: CaseLookups, answers: Answers) => Promise<{ field: string; key: string } | undefined>;
}

export interface Journey {
  type: CaseType;
  /** URL segment: /{lang}/<path>/new/<step>. */
  path: 'complaints' | 'reports' | 'breaches' | 'register';
  titleKey: string;
  steps: readonly Step[];
}

export function schemaFor(step: Step, answers: Answers): z.ZodType<Record<string, unknown>> | undefined {
  return typeof step.schema === 'function' ? step.schema(answers) : step.schema;
}

export function applicableSteps(journey: Journey, answers: Answers): Step[] {
  return journey.steps.filter((step) => step.applies?.(answers) ?? true);
}

export function nextStep(journey: Journey, answers: Answers, currentId: string): Step | undefined {
  const steps = applicableSteps(journey, answers);
  const index = steps.findIndex((step) => step.id === currentId);
  return index === -1 ? undefined : steps[index + 1];
}

export function previousStep(journey: Journey, answers: Answers, currentId: string): Step | undefined {
  const steps = applicableSteps(journey, answers);
  const index = steps.findIndex((step) => step.id === currentId);
  return index > 0 ? steps[index - 1] : undefined;
}

/** The first applicable form step not yet answered (evidence and check need no answer). */
export function firstUnanswered(journey: Journey, answers: Answers): Step | undefined {
  return applicableSteps(journey, answers).find((step) => step.kind === 'form' && answers[step.id] === undefined);
}

/** Answers of steps that no longer apply (a changed earlier answer) are dropped before submission. */
export function applicableAnswers(journey: Journey, answers: Answers): Answers {
  const ids = new Set(applicableSteps(journey, answers).map((step) => step.id));
  return Object.fromEntries(Object.entries(answers).filter(([id]) => ids.has(id)));
}

import { z } from 'zod';
import { LANGUAGES } from '../../config.ts';
import { pathTo } from '../../http/paths.ts';
import { isoDateString } from '../../http/validation.ts';
import { DECISIONS, INADMISSIBLE_REASONS, REFERRAL_BODIES, STATUSES, TRANSITIONS, type Requirement, type Transition } from '../cases/workflow.ts';
import type { TransitionInput } from './transitions.ts';
import { MESSAGE_TEMPLATES } from './templates.ts';
import { decodeCursor } from './cursor.ts';

const blankToUndefined = (value: unknown) => (value === '' ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());
const isoDate = isoDateString('staff.errors.date');

export const CASE_TYPES = ['complaint', 'report', 'breach', 'registration'] as const;
export const SECTORS = ['banking', 'telecoms', 'health', 'employment', 'education', 'online', 'state', 'retail', 'housing', 'other'] as const;
export const QUEUE_PAGE_SIZE = 25;
/** The queue grouped by organisation: organisations per page, and the last page one may ask for. */
export const GROUP_PAGE_SIZE = 50;
const MAX_GROUP_PAGE = 1000;

/** The queue's filters, from the query string (a GET form). */
export const queueQuery = z.object({
  status: z.preprocess(blankToUndefined, z.enum([...STATUSES, 'open', 'all'], { error: 'staff.errors.filter' }).default('open')),
  type: optional(z.enum(CASE_TYPES, { error: 'staff.errors.filter' })),
  assignee: optional(z.union([z.enum(['me', 'none']), z.string().regex(/^\d{1,12}$/, 'staff.errors.filter')])),
  sector: optional(z.enum(SECTORS, { error: 'staff.errors.filter' })),
  organisation: optional(
    z
      .string()
      .trim()
      .regex(/^\d{4}-\d{5,9}$/, 'staff.errors.organisationNumber'),
  ),
  language: optional(z.enum(LANGUAGES, { error: 'staff.errors.filter' })),
  due: optional(z.enum(['overdue', 'soon'], { error: 'staff.errors.filter' })),
  reply: optional(z.enum(['new'], { error: 'staff.errors.filter' })),
  from: optional(isoDate),
  to: optional(isoDate),
  q: optional(z.string().trim().max(200, 'staff.errors.search')),
  sort: z.preprocess(blankToUndefined, z.enum(['deadline', 'received'], { error: 'staff.errors.filter' }).default('deadline')),
  /** `organisations`: the same cases grouped by organisation, paged by number. */
  view: optional(z.enum(['organisations'], { error: 'staff.errors.filter' })),
  page: optional(
    z.coerce.number({ error: 'staff.errors.filter' }).int('staff.errors.filter').min(1, 'staff.errors.filter').max(MAX_GROUP_PAGE, 'staff.errors.filter'),
  ),
  after: optional(
    z
      .string()
      .max(120, 'staff.errors.cursor')
      .regex(/^[\w-]+$/, 'staff.errors.cursor')
      .refine((value) => decodeCursor(value) !== undefined, 'staff.errors.cursor'),
  ),
});
export type QueueQuery = z.output<typeof queueQuery>;

export const caseParams = z.object({ reference: z.string().regex(/^[A-Z]{2,5}-\d{4}-\d{6}$/) });
export const fileParams = caseParams.extend({ id: z.uuid() });

const text = (max: number, key: string) => z.string({ error: key }).trim().min(1, key).max(max);

/**
 * What each requirement a transition may have (workflow.ts `requires`) accepts, built once. A transition's
 * form is its requirements' fields; one that requires nothing takes an optional internal note.
 */
const REQUIREMENT_FIELDS: Record<Requirement, z.ZodType<string>> = {
  reasonCode: z.enum(INADMISSIBLE_REASONS, { error: 'staff.errors.reasonCode' }),
  referredTo: z.enum(REFERRAL_BODIES, { error: 'staff.errors.referredTo' }),
  decision: z.enum(DECISIONS, { error: 'staff.errors.decision' }),
  decisionText: text(20000, 'staff.errors.decisionText'),
  legalBasis: text(2000, 'staff.errors.legalBasis'),
  reasonText: text(5000, 'staff.errors.reasonText'),
  message: text(5000, 'staff.errors.message'),
  reviewNote: text(5000, 'staff.errors.reviewNote'),
};

const plainTransition = z.object({ note: optional(z.string().trim().max(2000)) });

function transitionForm(transition: Transition): z.ZodType<TransitionInput> {
  if (transition.requires.length === 0) return plainTransition;
  return z.object(Object.fromEntries(transition.requires.map((requirement) => [requirement, REQUIREMENT_FIELDS[requirement]])));
}

/** Each transition's form, from its row in the workflow; `plain` for a transition nobody knows (refused later). */
export const transitionForms: Readonly<Record<string, z.ZodType<TransitionInput>>> = {
  plain: plainTransition,
  ...Object.fromEntries(TRANSITIONS.map((transition) => [transition.id, transitionForm(transition)])),
};

/** The form of a posted transition (an unknown one is refused by the workflow, not here). */
export function transitionFormFor(id: string): z.ZodType<TransitionInput> {
  return Object.hasOwn(transitionForms, id) ? (transitionForms[id] ?? plainTransition) : plainTransition;
}

export const transitionChoice = z.object({ transition: z.string().regex(/^[a-z_]{1,40}$/) });

export const messageForm = z
  .object({
    template: z.preprocess(blankToUndefined, z.enum(MESSAGE_TEMPLATES, { error: 'staff.errors.template' }).optional()),
    body: z.string().trim().max(5000).default(''),
  })
  .refine((value) => value.template !== undefined || value.body.length > 0, { path: ['body'], message: 'staff.errors.message' });

export const noteForm = z.object({ note: text(5000, 'staff.errors.note') });

/** A legal hold set or lifted, always with its reason (kept with the hold, not in the audit trail). */
export const holdForm = z.object({
  hold: z.enum(['set', 'lift'], { error: 'casework.retention.errors.reason' }),
  holdReason: text(1000, 'casework.retention.errors.reason'),
});

export const linkForm = z.object({
  linkedReference: z
    .string({ error: 'staff.errors.linkedReference' })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2,5}-\d{4}-\d{6}$/, 'staff.errors.linkedReference'),
  kind: z.enum(['duplicate', 'related'], { error: 'staff.errors.linkKind' }),
});

export const assignForm = z.object({
  assignee: z.string({ error: 'staff.errors.assignee' }).regex(/^(\d{1,12}|none)$/, 'staff.errors.assignee'),
});

/** The queue's own address, with any filters (where a bulk assignment returns). */
const QUEUE_URL = new RegExp(`^${pathTo('staff.cases.index').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(\\?[^\\s]*)?$`);

export const bulkAssignForm = z.object({
  assignTo: z.string({ error: 'staff.errors.assignee' }).regex(/^(\d{1,12}|none)$/, 'staff.errors.assignee'),
  cases: z.preprocess(
    (value): unknown => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
    z
      .array(z.string().regex(/^\d{1,12}$/))
      .min(1, 'staff.errors.noneSelected')
      .max(100),
  ),
  returnTo: optional(z.string().max(2000).regex(QUEUE_URL)),
});

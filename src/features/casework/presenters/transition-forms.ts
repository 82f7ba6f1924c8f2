/**
 * The case page's transition forms (pure), one per transition this staff member may make now, each showing
 * the fields its row in the workflow requires. A field's id carries the transition's (forms share names).
 */
import type { Translate } from '../../../i18n/i18n.ts';
import type { FieldError, FormErrors } from '../../../http/validation.ts';
import { DECISIONS, INADMISSIBLE_REASONS, REFERRAL_BODIES, type Requirement, type Transition } from '../../cases/workflow.ts';

interface FieldLook {
  kind: 'select' | 'radios' | 'textarea';
  label: string;
  hint?: string;
  rows?: number;
  /** The choices of a coded field: values and their keys' section. */
  choices?: { values: readonly string[]; section: string };
}

/** How each requirement shows, in the order a form lists them. */
const LOOKS: Record<Requirement, FieldLook> = {
  reasonCode: { kind: 'select', label: 'casework.fields.reasonCode', choices: { values: INADMISSIBLE_REASONS, section: 'casework.reasons' } },
  referredTo: { kind: 'select', label: 'casework.fields.referredTo', choices: { values: REFERRAL_BODIES, section: 'casework.bodies' } },
  decision: { kind: 'radios', label: 'casework.fields.decision', choices: { values: DECISIONS, section: 'casework.decisions' } },
  decisionText: { kind: 'textarea', label: 'casework.fields.decisionText', hint: 'casework.case.reasonsHint', rows: 8 },
  legalBasis: { kind: 'textarea', label: 'casework.fields.legalBasis', hint: 'casework.case.legalBasisHint', rows: 3 },
  reviewNote: { kind: 'textarea', label: 'casework.fields.reviewNote', hint: 'casework.case.reviewNoteHint', rows: 4 },
  reasonText: { kind: 'textarea', label: 'casework.fields.reasonText', hint: 'casework.case.toCitizenHint', rows: 5 },
  message: { kind: 'textarea', label: 'casework.fields.requestText', hint: 'casework.case.toCitizenHint', rows: 5 },
};
const ORDER = Object.keys(LOOKS) as Requirement[];

/** A transition form that was posted and refused: its id, its errors by field, what was typed. */
interface OpenForm {
  id: string;
  errors: Record<string, FieldError>;
  values: Record<string, unknown>;
}

function field(t: Translate, transition: Transition, requirement: Requirement, open: OpenForm | undefined) {
  const look = LOOKS[requirement];
  const mine = open?.id === transition.id ? open : undefined;
  return {
    select: look.kind === 'select',
    radios: look.kind === 'radios',
    textarea: look.kind === 'textarea',
    name: requirement,
    fieldId: `${transition.id}-${requirement}`,
    label: t(look.label),
    hint: look.hint ? t(look.hint) : undefined,
    rows: look.rows,
    items: look.choices?.values.map((value) => ({ value, label: t(`${look.choices?.section ?? ''}.${value}`) })),
    value: mine?.values[requirement],
    error: mine?.errors[requirement],
  };
}

/** `deregistration`: the case asks to remove a register entry, and registering it marks the entry ceased (said so). */
export function presentTransitionForms(t: Translate, transitions: readonly Transition[], open: OpenForm | undefined, deregistration = false) {
  const words = (transition: Transition) =>
    deregistration && transition.publishes ? 'casework.deregistration.approve' : `casework.transitions.${transition.id}`;
  return transitions.map((transition) => ({
    id: transition.id,
    title: t(`${words(transition)}.title`),
    hint: t(`${words(transition)}.hint`),
    button: t(`${words(transition)}.button`),
    warning: transition.warning === true,
    fields: ORDER.filter((requirement) => transition.requires.includes(requirement)).map((requirement) => field(t, transition, requirement, open)),
    files: transition.files ? { fieldId: `${transition.id}-files`, error: open?.id === transition.id ? open.errors.files : undefined } : undefined,
  }));
}

/** A refused transition form's errors for the summary: each links to its field in that form. */
export function openFormErrors(id: string, errors: FormErrors): FormErrors {
  return { list: errors.list.map((error) => ({ ...error, field: `${id}-${error.field}` })), byField: {} };
}

/**
 * What a timeline entry says (pure): the transition that made it when it has words of its own (a decision
 * proposed, returned or approved; a case resumed by the citizen's reply), else the status it reached, else its
 * kind. `audience` is the translation section: `casework` for staff, `track` for the citizen.
 */
export interface TimelineEvent {
  kind: string;
  to_status: string | null;
  data: Record<string, unknown>;
}

/** Transitions (with their trigger, if any) whose entries have their own words, per audience. */
const OWN_WORDS = {
  casework: ['propose_decision', 'return_decision', 'approve_decision', 'resume_citizen_reply'],
  track: ['approve_decision', 'resume_citizen_reply'],
} as const;

export function eventLabelKey(event: TimelineEvent, audience: keyof typeof OWN_WORDS): string {
  const { transition, trigger } = event.data;
  // An approved request to remove a register entry reaches `registered` too: it says what happened to the entry.
  if (event.data.deregistered === true) return `${audience}.events.deregistered`;
  const name = typeof transition === 'string' ? `${transition}${typeof trigger === 'string' ? `_${trigger}` : ''}` : undefined;
  if (name && (OWN_WORDS[audience] as readonly string[]).includes(name)) return `${audience}.events.transitions.${name}`;
  if (event.to_status) return `${audience}.events.status.${event.to_status}`;
  return `${audience}.events.${event.kind}`;
}

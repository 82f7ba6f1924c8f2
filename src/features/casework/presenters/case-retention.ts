/** The staff case page's retention section: when the case is due to be anonymised, and its legal hold. */
import type { CaseRetention, HoldRow } from '../../retention/service.ts';

interface HoldView {
  reason: string;
  setAt: Date;
  setBy: string;
  liftedAt?: Date;
  liftedBy?: string;
  liftReason?: string;
}

export interface RetentionView {
  endsAt?: Date;
  anonymisedAt?: Date;
  hold?: HoldView;
  history: HoldView[];
  /** Whether this member of staff may set or lift the hold (supervisors, on a case not yet anonymised). */
  canHold: boolean;
}

function presentHold(hold: HoldRow): HoldView {
  return {
    reason: hold.reason,
    setAt: hold.set_at,
    setBy: hold.set_by_name ?? '—',
    ...(hold.lifted_at ? { liftedAt: hold.lifted_at, liftedBy: hold.lifted_by_name ?? '—', liftReason: hold.lift_reason ?? '' } : {}),
  };
}

export function presentRetention(retention: CaseRetention, mayHold: boolean): RetentionView {
  return {
    ...(retention.ends ? { endsAt: retention.ends } : {}),
    ...(retention.anonymisedAt ? { anonymisedAt: retention.anonymisedAt } : {}),
    ...(retention.hold ? { hold: presentHold(retention.hold) } : {}),
    history: retention.history.map(presentHold),
    canHold: mayHold && !retention.anonymisedAt,
  };
}

/** A case and what hangs off it, as rows: the types the case domain shares with the features that use it. */
import type { Language } from '../../config.ts';

export type CaseType = 'complaint' | 'report' | 'breach' | 'registration';

export interface CaseRow {
  id: number;
  reference: string;
  type: CaseType;
  status: string;
  language: Language;
  submission_token: string;
  organisation_name: string;
  organisation_inn: string | null;
  /** The register's entry for the organisation, when the register held it at filing. */
  organisation_id?: number | null;
  sector: string | null;
  anonymous: boolean;
  answers: Record<string, unknown>;
  access_code_hash: string | null;
  /** Moves on with every new access code: a session opened with an older code is worthless. */
  access_code_version: number;
  follow_up_of: number | null;
  received_at: Date;
  registration_due: string | null;
  answer_due: string | null;
  /** The day the citizen was asked to answer by, while the case waits for them. */
  information_due?: string | null;
  closed_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface PartyRow {
  id: number;
  case_id: number;
  role: 'complainant' | 'reporter' | 'notifier' | 'contact';
  full_name: string | null;
  email: string | null;
  postal_address: string | null;
  phone: string | null;
  position: string | null;
  preferred_language: Language | null;
  identity_may_be_shared: boolean | null;
}

export interface EventRow {
  id: number;
  case_id: number;
  occurred_at: Date;
  kind: string;
  from_status: string | null;
  to_status: string | null;
  visible_to_citizen: boolean;
  actor_type: string;
  actor_id: string | null;
  data: Record<string, unknown>;
}

export interface MessageRow {
  id: number;
  case_id: number;
  direction: 'from_citizen' | 'to_citizen';
  author_staff_id: string | null;
  body: string;
  created_at: Date;
  read_at: Date | null;
}

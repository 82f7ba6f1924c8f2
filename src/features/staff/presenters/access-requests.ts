/** Pending access requests as an approver judges them: whose, which role, asked by whom, and whether it is theirs. */
import type { PendingAccessRequest } from '../access-requests.ts';
import { roleKey } from './roles.ts';

export interface AccessRequestView {
  id: number;
  /** "New account for {{name}}" or "Role change for {{name}}". */
  titleKey: string;
  name: string;
  email: string;
  currentRoleKey?: string;
  newRoleKey: string;
  requesterName: string;
  requestedAt: Date;
  /** The reader asked for it, or it is about their own account: someone else must decide. */
  mine: boolean;
}

export function presentAccessRequests(requests: readonly PendingAccessRequest[], readerId: number): AccessRequestView[] {
  return requests.map((request) => {
    const create = request.kind === 'create';
    return {
      id: request.id,
      titleKey: create ? 'staffAccess.requests.create' : 'staffAccess.requests.role',
      name: (create ? request.display_name : request.account_name) ?? '',
      email: (create ? request.email : request.account_email) ?? '',
      currentRoleKey: request.current_role ? roleKey(request.current_role) : undefined,
      newRoleKey: roleKey(request.role),
      requesterName: request.requester_name,
      requestedAt: request.requested_at,
      mine: request.requested_by === readerId || request.staff_id === readerId,
    };
  });
}

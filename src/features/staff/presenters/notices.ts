/**
 * The notices a page shows after a redirect (`?saved=…`, `?expired=1`, `?done=…`): the query value becomes a
 * finished translation key, or nothing when it is not one the page knows.
 */

/** The login page: the session ended, the reader signed out, or their password was set. */
export function loginNoticeKey(query: Record<string, unknown>): string | undefined {
  if (query.expired === '1') return 'staff.login.expired';
  if (query.signedOut === '1') return 'staff.login.signedOut';
  if (query.ready === '1') return 'staff.login.passwordSet';
  return undefined;
}

/** The account page: a new password, the other sessions ended, or the language saved. */
export function accountSavedKey(saved: unknown): string | undefined {
  if (saved === 'password') return 'staffAccess.saved.password';
  if (saved === 'sessions') return 'staffAccess.saved.sessions';
  if (saved === '1') return 'staff.account.saved';
  return undefined;
}

/** A user's page after an admin's change: a role change waiting for approval, sessions ended, or saved. */
export function userSavedKey(saved: unknown): string | undefined {
  if (!saved) return undefined;
  if (saved === 'requested') return 'staffAccess.roleRequested';
  if (saved === 'sessions') return 'staffAccess.sessions.endedForUser';
  return 'staff.users.saved';
}

const DONE_KEYS = { approved: 'staffAccess.requests.done.approved', refused: 'staffAccess.requests.done.refused' } as const;

/** The requests page after a decision. */
export function decisionDoneKey(done: unknown): string | undefined {
  return done === 'approved' || done === 'refused' ? DONE_KEYS[done] : undefined;
}

const PROBLEM_KEYS = {
  notFound: 'staffAccess.problems.notFound',
  ownRequest: 'staffAccess.problems.ownRequest',
  ownAccount: 'staffAccess.problems.ownAccount',
  emailTaken: 'staffAccess.problems.emailTaken',
} as const;

/** Why a decision could not be made. */
export function decisionProblemKey(problem: keyof typeof PROBLEM_KEYS): string {
  return PROBLEM_KEYS[problem];
}

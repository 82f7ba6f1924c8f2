/**
 * The back office's own pages. Sign-in: password, then the second factor (TOTP enrolment on first login), the
 * set-up link, sign-out, and the member's own account. User management: admins create accounts, change roles,
 * disable, re-issue set-up links; roles that read personal data take a second person, who decides at
 * /staff/users/requests.
 */
import { Router } from 'express';
import { routePath } from '../../http/paths.ts';
import { passwordPage, passwordPost } from './pages/account-password.ts';
import { endSessionsPost } from './pages/account-sessions.ts';
import { accountPage, languagePost } from './pages/account.ts';
import type { StaffAuthDeps, UsersDeps } from './pages/deps.ts';
import { enrolPage, enrolPost } from './pages/enrol.ts';
import { codePage, codePost } from './pages/login-code.ts';
import { loginPage, loginPost } from './pages/login.ts';
import { logoutPost } from './pages/logout.ts';
import { setupPage, setupPost } from './pages/setup.ts';
import { disablePost, enablePost, endUserSessionsPost, resetPost } from './pages/users/access.ts';
import { usersPage } from './pages/users/index.ts';
import { createUserPost, newUserPage } from './pages/users/new.ts';
import { decideRequestPost, requestsPage } from './pages/users/requests.ts';
import { rolePost, userPage } from './pages/users/show.ts';
import { landingPage, welcomePage } from './pages/welcome.ts';

export type { StaffAuthDeps, UsersDeps } from './pages/deps.ts';

export function staffAuthRoutes(deps: StaffAuthDeps): Router {
  const router = Router();
  const signedIn = deps.gate.requireStaff();
  // Failures per address; per account, the lock counter in the database (5 failures → 15 minutes).
  const perAddress = deps.limiter.limit({ name: 'staff-login-ip', windowMs: 15 * 60 * 1000, limit: 30, skipSuccessful: true });

  router.use(deps.gate.defaults);
  // Anonymous visitors go to the login page (requireStaff), signed-in staff to the page made for their role.
  router.get(routePath('staff.home'), ...signedIn, landingPage);
  router.get(routePath('staff.welcome'), ...signedIn, welcomePage);
  router.get(routePath('staff.login'), loginPage);
  router.post(routePath('staff.login'), perAddress, loginPost(deps));
  router.get(routePath('staff.loginCode'), codePage(deps));
  router.post(routePath('staff.loginCode'), perAddress, codePost(deps));
  router.get(routePath('staff.enrol'), enrolPage(deps));
  router.post(routePath('staff.enrol'), perAddress, enrolPost(deps));
  router.get(routePath('staff.setup'), setupPage(deps));
  router.post(routePath('staff.setup'), perAddress, setupPost(deps));
  router.post(routePath('staff.logout'), logoutPost(deps));
  router.get(routePath('staff.account'), ...signedIn, accountPage(deps));
  router.get(routePath('staff.accountPassword'), ...signedIn, passwordPage);
  router.post(routePath('staff.accountPassword'), perAddress, ...signedIn, passwordPost(deps));
  router.post(routePath('staff.accountSessions'), ...signedIn, endSessionsPost(deps));
  router.post(routePath('staff.accountLanguage'), ...signedIn, languagePost(deps));
  return router;
}

export function usersRoutes(deps: UsersDeps): Router {
  const router = Router();
  const admin = deps.gate.requireStaff('users.manage');
  const approver = deps.gate.requireStaff('users.approve');
  router.get(routePath('staff.users.index'), ...admin, usersPage(deps));
  router.get(routePath('staff.users.new'), ...admin, newUserPage);
  router.post(routePath('staff.users.index'), ...admin, createUserPost(deps));
  // Before staff.users.show, which would otherwise take "requests" for an id.
  router.get(routePath('staff.users.requests'), ...approver, requestsPage(deps));
  router.post(routePath('staff.users.approveRequest'), ...approver, decideRequestPost(deps, 'approve'));
  router.post(routePath('staff.users.refuseRequest'), ...approver, decideRequestPost(deps, 'refuse'));
  router.get(routePath('staff.users.show'), ...admin, userPage(deps));
  router.post(routePath('staff.users.role'), ...admin, rolePost(deps));
  router.post(routePath('staff.users.disable'), ...admin, disablePost(deps));
  router.post(routePath('staff.users.enable'), ...admin, enablePost(deps));
  router.post(routePath('staff.users.sessions'), ...admin, endUserSessionsPost(deps));
  router.post(routePath('staff.users.reset'), ...admin, resetPost(deps));
  return router;
}

import { expect } from 'chai';
import { LANGUAGES } from '../../src/config.ts';
import { createTranslator } from '../../src/i18n/i18n.ts';
import type { PendingAccessRequest } from '../../src/features/staff/access-requests.ts';
import type { StaffRow } from '../../src/features/staff/accounts.ts';
import { STAFF_ROLES } from '../../src/features/staff/permissions.ts';
import { presentAccessRequests } from '../../src/features/staff/presenters/access-requests.ts';
import { accountSavedKey, decisionDoneKey, decisionProblemKey, loginNoticeKey, userSavedKey } from '../../src/features/staff/presenters/notices.ts';
import { roleItems, roleKey } from '../../src/features/staff/presenters/roles.ts';
import { presentUser, presentUsers } from '../../src/features/staff/presenters/users.ts';
import { presentWelcome } from '../../src/features/staff/presenters/welcome.ts';

const translators = LANGUAGES.map((lang) => createTranslator({ strict: true }).forLanguage(lang));
/** A key every language has (strict translators throw on a missing one). */
function expectKey(key: string | undefined): void {
  expect(key).to.be.a('string');
  for (const t of translators) expect(t(key!)).to.be.a('string').and.not.equal(key);
}

function staffRow(overrides: Partial<StaffRow> = {}): StaffRow {
  return {
    id: 4,
    email: 'aida@example.kg',
    display_name: 'Aida',
    role: 'case_officer',
    language: 'ky',
    password_hash: null,
    password_changed_at: null,
    totp_secret: null,
    totp_enrolled_at: null,
    totp_last_step: null,
    failed_attempts: 0,
    locked_until: null,
    disabled_at: null,
    setup_expires_at: null,
    last_login_at: null,
    credential_version: 1,
    created_at: new Date('2026-01-01T00:00:00Z'),
    ...overrides,
  };
}

function request(overrides: Partial<PendingAccessRequest> = {}): PendingAccessRequest {
  return {
    id: 9,
    kind: 'create',
    email: 'new@example.kg',
    display_name: 'Nurlan',
    language: 'ru',
    staff_id: null,
    role: 'supervisor',
    requested_by: 1,
    requested_at: new Date('2026-11-22T08:00:00Z'),
    outcome: null,
    decided_by: null,
    decided_at: null,
    requester_name: 'Admin',
    account_name: null,
    account_email: null,
    current_role: null,
    ...overrides,
  };
}

describe('staff presenters', () => {
  it('names every role with a key every language has, and marks the roles that need a second person', () => {
    for (const role of STAFF_ROLES) expectKey(roleKey(role));
    const items = roleItems(translators[2]!);
    expect(items.find((item) => item.value === 'admin')).to.deep.equal({ value: 'admin', label: 'Administrator', hint: undefined });
    expect(items.find((item) => item.value === 'auditor')?.hint).to.be.a('string');
  });

  it('shows a user without column names: name, link, role key, state key', () => {
    expect(presentUser(staffRow())).to.deep.equal({
      id: 4,
      href: '/staff/users/4',
      name: 'Aida',
      email: 'aida@example.kg',
      roleKey: 'staff.roles.case_officer',
      stateKey: 'staff.users.pending',
      disabled: false,
      lastLoginAt: null,
    });
    const [enrolled, disabled] = presentUsers([
      staffRow({ totp_enrolled_at: new Date() }),
      staffRow({ totp_enrolled_at: new Date(), disabled_at: new Date() }),
    ]);
    expect(enrolled?.stateKey).to.equal('staff.users.active');
    expect(disabled).to.deep.include({ stateKey: 'staff.users.disabled', disabled: true });
  });

  it('shows a new-account request by its new address, a role change by the account, and who may not decide', () => {
    const [create, role] = presentAccessRequests(
      [
        request(),
        request({
          id: 10,
          kind: 'role',
          email: null,
          display_name: null,
          staff_id: 7,
          account_name: 'Bakyt',
          account_email: 'b@example.kg',
          current_role: 'editor',
          requested_by: 2,
        }),
      ],
      7,
    );
    expect(create).to.deep.include({
      titleKey: 'staffAccess.requests.create',
      name: 'Nurlan',
      email: 'new@example.kg',
      currentRoleKey: undefined,
      newRoleKey: 'staff.roles.supervisor',
      requesterName: 'Admin',
      mine: false,
    });
    expect(role).to.deep.include({
      titleKey: 'staffAccess.requests.role',
      name: 'Bakyt',
      email: 'b@example.kg',
      currentRoleKey: 'staff.roles.editor',
      mine: true,
    });
    expect(presentAccessRequests([request()], 1)[0]?.mine).to.equal(true);
    expectKey(create?.titleKey);
    expectKey(role?.titleKey);
  });

  it('turns the notices after a redirect into keys, and ignores values it does not know', () => {
    expect(loginNoticeKey({ expired: '1' })).to.equal('staff.login.expired');
    expect(loginNoticeKey({ signedOut: '1' })).to.equal('staff.login.signedOut');
    expect(loginNoticeKey({ ready: '1' })).to.equal('staff.login.passwordSet');
    expect(loginNoticeKey({ expired: 'yes' })).to.equal(undefined);
    expect([accountSavedKey('password'), accountSavedKey('sessions'), accountSavedKey('1'), accountSavedKey('x')]).to.deep.equal([
      'staffAccess.saved.password',
      'staffAccess.saved.sessions',
      'staff.account.saved',
      undefined,
    ]);
    expect([userSavedKey('requested'), userSavedKey('sessions'), userSavedKey('role'), userSavedKey(undefined)]).to.deep.equal([
      'staffAccess.roleRequested',
      'staffAccess.sessions.endedForUser',
      'staff.users.saved',
      undefined,
    ]);
    expect([decisionDoneKey('approved'), decisionDoneKey('refused'), decisionDoneKey('other')]).to.deep.equal([
      'staffAccess.requests.done.approved',
      'staffAccess.requests.done.refused',
      undefined,
    ]);
    for (const problem of ['notFound', 'ownRequest', 'ownAccount', 'emailTaken'] as const) expectKey(decisionProblemKey(problem));
    for (const key of [
      'staff.login.expired',
      'staff.login.signedOut',
      'staff.login.passwordSet',
      'staffAccess.saved.password',
      'staffAccess.saved.sessions',
      'staff.account.saved',
      'staffAccess.roleRequested',
      'staffAccess.sessions.endedForUser',
      'staff.users.saved',
    ])
      expectKey(key);
  });

  it('welcomes each role with its own lead and only the links it may open', () => {
    for (const role of STAFF_ROLES) expectKey(presentWelcome(role).roleLeadKey);
    expect(presentWelcome('editor')).to.deep.equal({
      roleLeadKey: 'staffAccess.welcome.role.editor',
      canCases: false,
      canHolidays: true,
      canAudit: false,
      canUsers: false,
      canApprove: false,
      canContent: true,
    });
    expect(presentWelcome('admin')).to.deep.include({ canUsers: true, canApprove: true, canAudit: true, canContent: false });
  });
});

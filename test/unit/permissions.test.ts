import { expect } from 'chai';
import {
  ACTIONS,
  can,
  caseAccess,
  CHANGING_ACTIONS,
  personalDataScope,
  STAFF_ROLES,
  type Action,
  type StaffRole,
} from '../../src/features/staff/permissions.ts';

/** The expected grant of every role for every action, spelled out in full (✓ = allowed). */
const MATRIX: Record<Action, Record<StaffRole, boolean>> = {
  'cases.list': { admin: true, supervisor: true, case_officer: true, editor: false, auditor: true },
  'cases.view': { admin: true, supervisor: true, case_officer: true, editor: false, auditor: true },
  'cases.viewPersonalData': { admin: false, supervisor: true, case_officer: true, editor: false, auditor: true },
  'cases.assign': { admin: false, supervisor: true, case_officer: false, editor: false, auditor: false },
  'cases.takeUnassigned': { admin: false, supervisor: true, case_officer: true, editor: false, auditor: false },
  'cases.transition': { admin: false, supervisor: true, case_officer: true, editor: false, auditor: false },
  'cases.message': { admin: false, supervisor: true, case_officer: true, editor: false, auditor: false },
  'cases.note': { admin: false, supervisor: true, case_officer: true, editor: false, auditor: false },
  'cases.link': { admin: false, supervisor: true, case_officer: true, editor: false, auditor: false },
  'cases.export': { admin: true, supervisor: true, case_officer: false, editor: false, auditor: true },
  'cases.readers': { admin: false, supervisor: true, case_officer: false, editor: false, auditor: true },
  'decisions.publish': { admin: false, supervisor: true, case_officer: false, editor: false, auditor: false },
  'cases.hold': { admin: false, supervisor: true, case_officer: false, editor: false, auditor: false },
  'files.download': { admin: false, supervisor: true, case_officer: true, editor: false, auditor: true },
  'holidays.view': { admin: true, supervisor: true, case_officer: true, editor: true, auditor: true },
  'holidays.edit': { admin: true, supervisor: true, case_officer: false, editor: false, auditor: false },
  'users.manage': { admin: true, supervisor: false, case_officer: false, editor: false, auditor: false },
  'users.approve': { admin: true, supervisor: true, case_officer: false, editor: false, auditor: false },
  'audit.view': { admin: true, supervisor: false, case_officer: false, editor: false, auditor: true },
  'content.view': { admin: false, supervisor: true, case_officer: false, editor: true, auditor: false },
  'content.edit': { admin: false, supervisor: false, case_officer: false, editor: true, auditor: false },
  'content.approve': { admin: false, supervisor: true, case_officer: false, editor: true, auditor: false },
  'register.view': { admin: true, supervisor: true, case_officer: true, editor: false, auditor: true },
  'register.edit': { admin: false, supervisor: true, case_officer: true, editor: false, auditor: false },
  'statistics.view': { admin: true, supervisor: true, case_officer: true, editor: false, auditor: true },
  'statistics.all': { admin: true, supervisor: true, case_officer: false, editor: false, auditor: true },
  'reports.annual': { admin: true, supervisor: true, case_officer: false, editor: false, auditor: true },
};

describe('staff permissions', () => {
  for (const role of STAFF_ROLES) {
    for (const action of ACTIONS) {
      it(`${role} ${MATRIX[action][role] ? 'may' : 'may not'} ${action}`, () => {
        expect(can(role, action)).to.equal(MATRIX[action][role]);
      });
    }
  }

  it('never lets an auditor change anything', () => {
    for (const action of CHANGING_ACTIONS) expect(can('auditor', action), action).to.equal(false);
    expect(caseAccess({ id: 1, role: 'auditor' }, 1).change).to.equal(false);
  });

  it('lets a case officer see personal data and change only the cases assigned to them', () => {
    expect(caseAccess({ id: 7, role: 'case_officer' }, 7)).to.deep.equal({ view: true, personalData: true, change: true });
    expect(caseAccess({ id: 7, role: 'case_officer' }, 8)).to.deep.equal({ view: true, personalData: false, change: false });
    expect(caseAccess({ id: 7, role: 'case_officer' }, null)).to.deep.equal({ view: true, personalData: false, change: false });
  });

  it('shows admins the summary only, supervisors everything, editors nothing', () => {
    expect(caseAccess({ id: 1, role: 'admin' }, null)).to.deep.equal({ view: true, personalData: false, change: false });
    expect(caseAccess({ id: 1, role: 'supervisor' }, 99)).to.deep.equal({ view: true, personalData: true, change: true });
    expect(caseAccess({ id: 1, role: 'editor' }, 1)).to.deep.equal({ view: false, personalData: false, change: false });
  });

  it('lets each role search the personal data it may read, and no more', () => {
    expect(Object.fromEntries(STAFF_ROLES.map((role) => [role, personalDataScope(role)]))).to.deep.equal({
      admin: 'none',
      supervisor: 'all',
      case_officer: 'assigned',
      editor: 'none',
      auditor: 'all',
    });
    for (const role of STAFF_ROLES) {
      const scope = personalDataScope(role);
      expect(caseAccess({ id: 5, role }, 5).personalData, role).to.equal(scope !== 'none');
      expect(caseAccess({ id: 5, role }, 6).personalData, role).to.equal(scope === 'all');
    }
  });
});

import { expect } from 'chai';
import { allowedTransitions, checkTransition, STATUSES, TRANSITIONS, type Actor } from '../../src/features/casework/workflow.ts';
import { STAFF_ROLES } from '../../src/features/staff/permissions.ts';

/**
 * DESIGN §5, written out independently of the module: every allowed (from, transition, to, actors) row.
 * Every combination not listed here must be refused.
 */
const CASEWORK = ['supervisor', 'case_officer'];
const SPEC: { from: string; id: string; to: string; actors: string[]; requires: string[] }[] = [
  { from: 'submitted', id: 'start_triage', to: 'triage', actors: CASEWORK, requires: [] },
  { from: 'triage', id: 'accept', to: 'accepted', actors: CASEWORK, requires: [] },
  { from: 'triage', id: 'declare_inadmissible', to: 'inadmissible', actors: CASEWORK, requires: ['reasonCode', 'reasonText'] },
  { from: 'triage', id: 'refer', to: 'referred', actors: CASEWORK, requires: ['referredTo', 'reasonText'] },
  { from: 'accepted', id: 'start_investigation', to: 'investigation', actors: CASEWORK, requires: [] },
  { from: 'reopened', id: 'start_investigation', to: 'investigation', actors: CASEWORK, requires: [] },
  { from: 'investigation', id: 'request_information', to: 'awaiting_information', actors: CASEWORK, requires: ['message'] },
  { from: 'awaiting_information', id: 'resume', to: 'investigation', actors: CASEWORK, requires: [] },
  { from: 'investigation', id: 'decide', to: 'decided', actors: CASEWORK, requires: ['decision', 'decisionText'] },
  { from: 'decided', id: 'close', to: 'closed', actors: CASEWORK, requires: [] },
  { from: 'closed', id: 'reopen', to: 'reopened', actors: ['supervisor'], requires: ['reasonText'] },
  ...['submitted', 'triage', 'accepted', 'investigation', 'awaiting_information', 'reopened'].map((from) => ({ from, id: 'withdraw', to: 'withdrawn', actors: ['citizen'], requires: [] })),
];

const ACTORS: Actor[] = [...STAFF_ROLES, 'citizen'];

describe('case workflow (DESIGN §5)', () => {
  it('allows exactly the specified transitions, for exactly the specified actors, from every state', () => {
    let checked = 0;
    for (const status of STATUSES) {
      for (const transition of TRANSITIONS) {
        for (const actor of ACTORS) {
          const spec = SPEC.find((row) => row.from === status && row.id === transition.id);
          const result = checkTransition(transition.id, status, actor);
          if (spec && spec.actors.includes(actor)) {
            expect(result, `${actor} ${transition.id} from ${status}`).to.deep.include({ ok: true });
            if (result.ok) expect(result.transition.to).to.equal(spec.to);
          } else {
            expect(result.ok, `${actor} ${transition.id} from ${status}`).to.equal(false);
            if (!result.ok) expect(result.problem).to.equal(spec ? 'forbidden' : 'wrong_state');
          }
          checked++;
        }
      }
    }
    expect(checked).to.equal(STATUSES.length * TRANSITIONS.length * ACTORS.length);
  });

  it('requires the fields DESIGN §5 names: coded reasons, the referral body, the decision and its text', () => {
    for (const row of SPEC) {
      const transition = TRANSITIONS.find((candidate) => candidate.id === row.id);
      expect([...(transition?.requires ?? [])].sort(), row.id).to.deep.equal([...row.requires].sort());
    }
  });

  it('offers each actor only what it may do now', () => {
    expect(allowedTransitions('triage', 'case_officer').map((transition) => transition.id)).to.deep.equal(['accept', 'declare_inadmissible', 'refer']);
    expect(allowedTransitions('closed', 'case_officer')).to.deep.equal([]);
    expect(allowedTransitions('closed', 'supervisor').map((transition) => transition.id)).to.deep.equal(['reopen']);
    for (const role of ['admin', 'editor', 'auditor'] as const) for (const status of STATUSES) expect(allowedTransitions(status, role), `${role} in ${status}`).to.deep.equal([]);
  });

  it('refuses an unknown transition', () => {
    expect(checkTransition('approve_everything', 'triage', 'supervisor')).to.deep.equal({ ok: false, problem: 'unknown' });
  });

  it('pauses the clock only while awaiting information', () => {
    expect(TRANSITIONS.filter((transition) => transition.clock === 'pause').map((transition) => transition.to)).to.deep.equal(['awaiting_information']);
    expect(TRANSITIONS.filter((transition) => transition.clock === 'resume').map((transition) => transition.from)).to.deep.equal([['awaiting_information']]);
  });
});

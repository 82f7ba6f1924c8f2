import { expect } from 'chai';
import { LANGUAGES } from '../../src/config.ts';
import {
  allowedTransitions,
  awaitsRegistration,
  awaitsReview,
  caseTarget,
  checkTransition,
  clockRunning,
  DECISIONS,
  FINAL_STATUSES,
  INADMISSIBLE_REASONS,
  isOpenStatus,
  isPaused,
  OPEN_STATUSES,
  REFERRAL_BODIES,
  replyTransition,
  STATUSES,
  TRANSITIONS,
  type Actor,
  type Requirement,
} from '../../src/features/cases/workflow.ts';
import { createTranslator } from '../../src/i18n/i18n.ts';
import { transitionFormFor } from '../../src/features/casework/schemas.ts';
import { validate } from '../../src/http/validation.ts';
import { STAFF_ROLES } from '../../src/features/staff/permissions.ts';

/**
 * DESIGN §5, written out independently of the module: every allowed (from, transition, to, actors) row.
 * Every combination not listed here must be refused.
 */
const CASEWORK = ['supervisor', 'case_officer'];
/** secondPerson: refused to whoever proposed the decision under review. */
const SPEC: { from: string; id: string; to: string; actors: string[]; requires: string[]; secondPerson?: true }[] = [
  { from: 'submitted', id: 'start_triage', to: 'triage', actors: CASEWORK, requires: [] },
  { from: 'triage', id: 'accept', to: 'accepted', actors: CASEWORK, requires: [] },
  { from: 'triage', id: 'declare_inadmissible', to: 'inadmissible', actors: CASEWORK, requires: ['reasonCode', 'reasonText'] },
  { from: 'triage', id: 'refer', to: 'referred', actors: CASEWORK, requires: ['referredTo', 'reasonText'] },
  { from: 'accepted', id: 'start_investigation', to: 'investigation', actors: CASEWORK, requires: [] },
  { from: 'reopened', id: 'start_investigation', to: 'investigation', actors: CASEWORK, requires: [] },
  { from: 'investigation', id: 'request_information', to: 'awaiting_information', actors: CASEWORK, requires: ['message'] },
  { from: 'awaiting_information', id: 'resume', to: 'investigation', actors: CASEWORK, requires: [] },
  { from: 'investigation', id: 'propose_decision', to: 'decision_proposed', actors: CASEWORK, requires: ['decision', 'decisionText', 'legalBasis'] },
  { from: 'decision_proposed', id: 'return_decision', to: 'investigation', actors: ['supervisor'], requires: ['reviewNote'], secondPerson: true },
  { from: 'decision_proposed', id: 'approve_decision', to: 'closed', actors: ['supervisor'], requires: [], secondPerson: true },
  // Cases decided before decisions needed a second person.
  { from: 'decided', id: 'close', to: 'closed', actors: CASEWORK, requires: [] },
  { from: 'closed', id: 'reopen', to: 'reopened', actors: ['supervisor'], requires: ['reasonText'] },
  ...['submitted', 'triage', 'accepted', 'investigation', 'awaiting_information', 'decision_proposed', 'reopened', 'in_review', 'returned'].map((from) => ({
    from,
    id: 'withdraw',
    to: 'withdrawn',
    actors: ['citizen'],
    requires: [],
  })),
  // Register applications (case type `registration`).
  { from: 'submitted', id: 'start_review', to: 'in_review', actors: CASEWORK, requires: [] },
  { from: 'in_review', id: 'return_for_changes', to: 'returned', actors: CASEWORK, requires: ['message'] },
  { from: 'returned', id: 'resume_review', to: 'in_review', actors: CASEWORK, requires: [] },
  { from: 'in_review', id: 'register_entry', to: 'registered', actors: CASEWORK, requires: [] },
  { from: 'in_review', id: 'refuse_registration', to: 'refused', actors: CASEWORK, requires: ['reasonText'] },
];

/** The transitions each case type may take (withdrawing serves every type). */
const REGISTRATION_ONLY = ['start_review', 'return_for_changes', 'resume_review', 'register_entry', 'refuse_registration'];

const ACTORS: Actor[] = [...STAFF_ROLES, 'citizen'];

describe('case workflow (DESIGN §5)', () => {
  it('allows exactly the specified transitions, for exactly the specified actors, from every state — the proposer never reviews', () => {
    let checked = 0;
    for (const status of STATUSES) {
      for (const transition of TRANSITIONS) {
        for (const actor of ACTORS) {
          for (const proposedDecision of [false, true]) {
            const spec = SPEC.find((row) => row.from === status && row.id === transition.id);
            const result = checkTransition(transition.id, status, actor, { proposedDecision });
            const label = `${actor}${proposedDecision ? ' (the proposer)' : ''} ${transition.id} from ${status}`;
            if (spec && spec.actors.includes(actor) && !(spec.secondPerson && proposedDecision)) {
              expect(result, label).to.deep.include({ ok: true });
              if (result.ok) expect(result.transition.to).to.equal(spec.to);
            } else {
              expect(result.ok, label).to.equal(false);
              if (!result.ok) expect(result.problem, label).to.equal(!spec ? 'wrong_state' : spec.actors.includes(actor) ? 'same_person' : 'forbidden');
            }
            checked++;
          }
        }
      }
    }
    expect(checked).to.equal(STATUSES.length * TRANSITIONS.length * ACTORS.length * 2);
    expect(new Set(SPEC.map((row) => row.id))).to.deep.equal(new Set(TRANSITIONS.map((transition) => transition.id)));
  });

  it("needs two people for a decision: a supervisor's own proposal waits for another supervisor", () => {
    expect(allowedTransitions('decision_proposed', 'supervisor').map((transition) => transition.id)).to.deep.equal(['return_decision', 'approve_decision']);
    expect(allowedTransitions('decision_proposed', 'supervisor', { proposedDecision: true })).to.deep.equal([]);
    expect(allowedTransitions('decision_proposed', 'case_officer')).to.deep.equal([]);
    expect(checkTransition('approve_decision', 'decision_proposed', 'supervisor', { proposedDecision: true })).to.deep.equal({
      ok: false,
      problem: 'same_person',
    });
    // Approving issues the decision and closes the case: no separate click.
    expect(TRANSITIONS.find((transition) => transition.id === 'approve_decision')?.to).to.equal('closed');
    expect(allowedTransitions('investigation', 'case_officer').map((transition) => transition.id)).to.deep.equal(['request_information', 'propose_decision']);
  });

  it('keeps the review between staff, and tells the citizen of every other change', () => {
    expect(TRANSITIONS.filter((transition) => transition.internal).map((transition) => transition.id)).to.deep.equal(['propose_decision', 'return_decision']);
    for (const transition of TRANSITIONS) expect(Boolean(transition.notice), transition.id).to.equal(!transition.internal);
    expect(TRANSITIONS.filter((transition) => transition.files).map((transition) => transition.id)).to.deep.equal(['request_information', 'propose_decision']);
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
    for (const role of ['admin', 'editor', 'auditor'] as const)
      for (const status of STATUSES) expect(allowedTransitions(status, role), `${role} in ${status}`).to.deep.equal([]);
  });

  it('refuses an unknown transition', () => {
    expect(checkTransition('approve_everything', 'triage', 'supervisor')).to.deep.equal({ ok: false, problem: 'unknown' });
  });

  it('pauses the clock only while awaiting information (or changes to a register application)', () => {
    expect(TRANSITIONS.filter((transition) => transition.clock === 'pause').map((transition) => transition.to)).to.deep.equal([
      'awaiting_information',
      'returned',
    ]);
    expect(TRANSITIONS.filter((transition) => transition.clock === 'resume').map((transition) => transition.from)).to.deep.equal([
      ['awaiting_information'],
      ['returned'],
    ]);
  });

  it('offers an appeal only the appeal transitions and a register application only its own', () => {
    for (const type of ['complaint', 'report', 'breach', 'registration'] as const) {
      for (const transition of TRANSITIONS) {
        const serves = transition.id === 'withdraw' || REGISTRATION_ONLY.includes(transition.id) === (type === 'registration');
        for (const status of transition.from) {
          const actor = transition.roles[0] ?? 'supervisor';
          const result = checkTransition(transition.id, status, actor, { caseType: type });
          expect(result.ok, `${type} ${transition.id} from ${status}`).to.equal(serves);
          if (!result.ok) expect(result.problem).to.equal('wrong_state');
        }
      }
    }
    expect(allowedTransitions('submitted', 'case_officer', { caseType: 'registration' }).map((transition) => transition.id)).to.deep.equal(['start_review']);
    expect(allowedTransitions('submitted', 'case_officer', { caseType: 'complaint' }).map((transition) => transition.id)).to.deep.equal(['start_triage']);
  });

  it('gives reports a triage target until triage ends, and appeals the answer deadline while their clock runs', () => {
    const targets = (type: 'complaint' | 'report' | 'breach' | 'registration') =>
      Object.fromEntries(STATUSES.map((status) => [status, caseTarget(type, status) ?? null]));
    expect(Object.entries(targets('report')).filter(([, target]) => target !== null)).to.deep.equal([
      ['submitted', 'triage'],
      ['triage', 'triage'],
    ]);
    expect(
      Object.entries(targets('registration'))
        .filter(([, target]) => target !== null)
        .map(([status]) => status),
    ).to.deep.equal(['submitted', 'in_review']);
    for (const type of ['complaint', 'breach'] as const) {
      expect(
        Object.entries(targets(type))
          .filter(([, target]) => target !== null)
          .map(([status]) => status),
        type,
      ).to.deep.equal(['submitted', 'triage', 'accepted', 'investigation', 'decision_proposed', 'reopened']);
      expect(Object.values(targets(type))).not.to.include('triage');
    }
  });

  it('follows its own table: each transition exactly from its states, for its roles, in every state × transition × actor', () => {
    for (const status of STATUSES) {
      for (const transition of TRANSITIONS) {
        for (const actor of ACTORS) {
          const allowed = (transition.from as readonly string[]).includes(status) && transition.roles.includes(actor);
          expect(checkTransition(transition.id, status, actor).ok, `${actor} ${transition.id} from ${status}`).to.equal(allowed);
          expect(allowedTransitions(status, actor).includes(transition), `${actor} offered ${transition.id} in ${status}`).to.equal(allowed);
        }
      }
    }
    // Every transition leads to a known state.
    for (const transition of TRANSITIONS) expect(STATUSES, transition.id).to.include(transition.to);
  });
});

describe('transition forms follow the workflow table', () => {
  const VALID: Record<Requirement, string> = {
    reasonCode: INADMISSIBLE_REASONS[0],
    referredTo: REFERRAL_BODIES[0],
    decision: DECISIONS[0],
    decisionText: 'The organisation must delete the copies.',
    legalBasis: 'Law No. 58, article 21',
    reasonText: 'Outside what the Agency may examine.',
    message: 'Please send the letter you received.',
    reviewNote: 'Name the article.',
  };
  const filled = (requires: readonly Requirement[]) => Object.fromEntries(requires.map((requirement) => [requirement, VALID[requirement]]));

  it('accepts each transition with all it requires, and refuses it when any one requirement is missing or blank', () => {
    for (const transition of TRANSITIONS) {
      const form = transitionFormFor(transition.id);
      const complete = validate(form, { transition: transition.id, ...filled(transition.requires) });
      expect(complete.ok, transition.id).to.equal(true);
      if (complete.ok)
        expect(
          Object.keys(complete.data)
            .filter((key) => key !== 'note')
            .sort(),
          transition.id,
        ).to.deep.equal([...transition.requires].sort());
      for (const missing of transition.requires) {
        for (const value of [undefined, '', '   ']) {
          const result = validate(form, { ...filled(transition.requires), [missing]: value });
          expect(result.ok, `${transition.id} without ${missing}`).to.equal(false);
          if (!result.ok) expect(Object.keys(result.errors.byField), `${transition.id} without ${missing}`).to.deep.equal([missing]);
        }
      }
    }
  });

  it('refuses a coded requirement outside its list', () => {
    for (const transition of TRANSITIONS) {
      for (const coded of transition.requires.filter((requirement) => ['reasonCode', 'referredTo', 'decision'].includes(requirement))) {
        expect(validate(transitionFormFor(transition.id), { ...filled(transition.requires), [coded]: 'made_up' }).ok, `${transition.id} ${coded}`).to.equal(
          false,
        );
      }
    }
  });

  it('gives a transition nobody knows the plain form, whatever its name (the workflow refuses it later)', () => {
    for (const id of ['approve_everything', 'constructor', '__proto__', 'to_string']) {
      expect(validate(transitionFormFor(id), { note: 'x' }), id).to.deep.equal({ ok: true, data: { note: 'x' } });
    }
  });
});

describe('what follows from the workflow table', () => {
  it('reads the paused, registering, reviewing and reply-resumed states from the transitions', () => {
    expect(STATUSES.filter(isPaused)).to.deep.equal(['awaiting_information', 'returned']);
    expect(STATUSES.filter(awaitsRegistration)).to.deep.equal(['submitted']);
    expect(STATUSES.filter(awaitsReview)).to.deep.equal(['decision_proposed']);
    expect(STATUSES.filter((status) => replyTransition(status)).map((status) => [status, replyTransition(status)?.to])).to.deep.equal([
      ['awaiting_information', 'investigation'],
      ['returned', 'in_review'],
    ]);
    expect(STATUSES.filter(clockRunning)).to.deep.equal(OPEN_STATUSES.filter((status) => status !== 'awaiting_information' && status !== 'returned'));
  });

  it('puts every state in exactly one of: open, finished, or decided before decisions needed approval', () => {
    for (const status of STATUSES) {
      const kinds = [isOpenStatus(status), (FINAL_STATUSES as readonly string[]).includes(status), status === 'decided'].filter(Boolean);
      expect(kinds, status).to.have.length(1);
    }
  });

  it('has the words for every state, staff transition and notice in every language', () => {
    const translator = createTranslator({ strict: true });
    for (const lang of LANGUAGES) {
      const t = translator.forLanguage(lang);
      for (const status of STATUSES) {
        for (const key of [
          `casework.statuses.${status}`,
          `casework.events.status.${status}`,
          `track.statuses.${status}`,
          `track.events.status.${status}`,
          `track.statusHelp.${status}`,
        ]) {
          expect(() => t(key), `${lang} ${key}`).not.to.throw();
        }
      }
      for (const transition of TRANSITIONS.filter((candidate) => candidate.roles.some((role) => role !== 'citizen'))) {
        for (const part of ['title', 'hint', 'button'])
          expect(() => t(`casework.transitions.${transition.id}.${part}`), `${lang} ${transition.id}.${part}`).not.to.throw();
      }
      for (const notice of TRANSITIONS.flatMap((transition) => (transition.notice ? [transition.notice] : []))) {
        const template = `case-${notice.replace(/_/g, '-')}`;
        expect(() => t(`emails.${template}.subject`, { reference: 'PDP-2026-000001' }), `${lang} ${template}`).not.to.throw();
      }
    }
  });
});

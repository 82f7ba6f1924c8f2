/**
 * "What can I do?" as data: a tree of questions whose answers lead to further questions or to an outcome
 * with concrete next steps. Each node is a page of its own (/{lang}/help/<id>), so every step can be
 * bookmarked and the back button works without JavaScript. Texts are translation keys under `help.`:
 * help.questions.<id>.title / .hint / .options.<option>, help.outcomes.<id>.title / .text, help.actions.<action>.
 */

export interface QuestionNode {
  options: { id: string; next: string }[];
}

export interface OutcomeNode {
  /** Next steps, most useful first; `href` is relative to /{lang}. */
  actions: { id: string; href: string }[];
}

export const START = 'start';

export const QUESTIONS: Record<string, QuestionNode> = {
  start: {
    options: [
      { id: 'my-data', next: 'asked-before' },
      { id: 'leaked', next: 'data-leaked' },
      { id: 'marketing', next: 'marketing' },
      { id: 'camera', next: 'cctv' },
      { id: 'employer', next: 'employer' },
      { id: 'state-body', next: 'state-body' },
      { id: 'others-data', next: 'report-violation' },
      { id: 'something-else', next: 'other-matter' },
    ],
  },
  'asked-before': {
    options: [
      { id: 'not-yet', next: 'ask-organisation' },
      { id: 'waiting', next: 'wait-for-answer' },
      { id: 'no-answer', next: 'complain-no-answer' },
      { id: 'refused', next: 'complain-refused' },
    ],
  },
  'other-matter': {
    options: [
      { id: 'fraud', next: 'police' },
      { id: 'purchase', next: 'consumer' },
      { id: 'reputation', next: 'court' },
      { id: 'data-after-all', next: 'start' },
    ],
  },
};

export const OUTCOMES: Record<string, OutcomeNode> = {
  'ask-organisation': { actions: [{ id: 'write-letter', href: '/letters/new' }, { id: 'read-access', href: '/rights/right-of-access' }] },
  'wait-for-answer': { actions: [{ id: 'read-answering', href: '/rights/how-to-complain' }, { id: 'write-letter', href: '/letters/new' }] },
  'complain-no-answer': { actions: [{ id: 'complain', href: '/complaints/new' }, { id: 'read-complaints', href: '/rights/how-to-complain' }] },
  'complain-refused': { actions: [{ id: 'complain', href: '/complaints/new' }, { id: 'read-court', href: '/rights/going-to-court' }] },
  'data-leaked': { actions: [{ id: 'read-leaked', href: '/guides/my-data-leaked' }, { id: 'report', href: '/reports/new' }, { id: 'complain', href: '/complaints/new' }] },
  marketing: { actions: [{ id: 'stop-letter', href: '/letters/new?type=stop-processing' }, { id: 'report', href: '/reports/new' }, { id: 'read-marketing', href: '/guides/marketing-calls-and-sms' }] },
  cctv: { actions: [{ id: 'read-cctv', href: '/guides/cctv-and-video' }, { id: 'write-letter', href: '/letters/new?type=access' }, { id: 'complain', href: '/complaints/new' }] },
  employer: { actions: [{ id: 'read-employment', href: '/guides/employment' }, { id: 'write-letter', href: '/letters/new' }, { id: 'complain', href: '/complaints/new' }] },
  'state-body': { actions: [{ id: 'write-letter', href: '/letters/new' }, { id: 'complain', href: '/complaints/new' }, { id: 'read-court', href: '/rights/going-to-court' }] },
  'report-violation': { actions: [{ id: 'report', href: '/reports/new' }, { id: 'read-agency', href: '/rights/complain-to-the-agency' }] },
  police: { actions: [{ id: 'read-leaked', href: '/guides/my-data-leaked' }, { id: 'contact', href: '/contact' }] },
  consumer: { actions: [{ id: 'contact', href: '/contact' }, { id: 'start-again', href: '/help' }] },
  court: { actions: [{ id: 'read-court', href: '/rights/going-to-court' }, { id: 'start-again', href: '/help' }] },
};

export type HelpNode = { kind: 'question'; id: string; node: QuestionNode } | { kind: 'outcome'; id: string; node: OutcomeNode };

export function findNode(id: string): HelpNode | undefined {
  const question = QUESTIONS[id];
  if (question) return { kind: 'question', id, node: question };
  const outcome = OUTCOMES[id];
  return outcome ? { kind: 'outcome', id, node: outcome } : undefined;
}

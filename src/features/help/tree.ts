/**
 * "What can I do?" as data: a tree of questions whose answers lead to further questions or to an outcome
 * with concrete next steps. Each node is a page of its own (/{lang}/help/<id>), so every step can be
 * bookmarked and the back button works without JavaScript. Texts are translation keys under `help.`:
 * help.questions.<id>.title / .hint / .options.<option>, help.outcomes.<id>.title / .text, help.actions.<action>.
 */
import type { PathName, PathParams } from '../../http/paths.ts';

export interface QuestionNode {
  options: { id: string; next: string }[];
}

/** A next step: a named path of the portal (in the page's language), its parameters and query. */
export interface Action {
  id: string;
  to: PathName;
  params?: PathParams;
  query?: Record<string, string>;
}

export interface OutcomeNode {
  /** Next steps, most useful first. */
  actions: Action[];
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
  'ask-organisation': {
    actions: [
      { id: 'write-letter', to: 'letters.form' },
      { id: 'read-access', to: 'content.right', params: { slug: 'right-of-access' } },
    ],
  },
  'wait-for-answer': {
    actions: [
      { id: 'read-answering', to: 'content.right', params: { slug: 'how-to-complain' } },
      { id: 'write-letter', to: 'letters.form' },
    ],
  },
  'complain-no-answer': {
    actions: [
      { id: 'complain', to: 'intake.start', params: { journey: 'complaints' } },
      { id: 'read-complaints', to: 'content.right', params: { slug: 'how-to-complain' } },
    ],
  },
  'complain-refused': {
    actions: [
      { id: 'complain', to: 'intake.start', params: { journey: 'complaints' } },
      { id: 'read-court', to: 'content.right', params: { slug: 'going-to-court' } },
    ],
  },
  'data-leaked': {
    actions: [
      { id: 'read-leaked', to: 'content.guide', params: { slug: 'my-data-leaked' } },
      { id: 'report', to: 'intake.start', params: { journey: 'reports' } },
      { id: 'complain', to: 'intake.start', params: { journey: 'complaints' } },
    ],
  },
  marketing: {
    actions: [
      { id: 'stop-letter', to: 'letters.form', query: { type: 'stop-processing' } },
      { id: 'report', to: 'intake.start', params: { journey: 'reports' } },
      { id: 'read-marketing', to: 'content.guide', params: { slug: 'marketing-calls-and-sms' } },
    ],
  },
  cctv: {
    actions: [
      { id: 'read-cctv', to: 'content.guide', params: { slug: 'cctv-and-video' } },
      { id: 'write-letter', to: 'letters.form', query: { type: 'access' } },
      { id: 'complain', to: 'intake.start', params: { journey: 'complaints' } },
    ],
  },
  employer: {
    actions: [
      { id: 'read-employment', to: 'content.guide', params: { slug: 'employment' } },
      { id: 'write-letter', to: 'letters.form' },
      { id: 'complain', to: 'intake.start', params: { journey: 'complaints' } },
    ],
  },
  'state-body': {
    actions: [
      { id: 'write-letter', to: 'letters.form' },
      { id: 'complain', to: 'intake.start', params: { journey: 'complaints' } },
      { id: 'read-court', to: 'content.right', params: { slug: 'going-to-court' } },
    ],
  },
  'report-violation': {
    actions: [
      { id: 'report', to: 'intake.start', params: { journey: 'reports' } },
      { id: 'read-agency', to: 'content.right', params: { slug: 'complain-to-the-agency' } },
    ],
  },
  police: {
    actions: [
      { id: 'read-leaked', to: 'content.guide', params: { slug: 'my-data-leaked' } },
      { id: 'contact', to: 'pages.contact' },
    ],
  },
  consumer: {
    actions: [
      { id: 'contact', to: 'pages.contact' },
      { id: 'start-again', to: 'help.start' },
    ],
  },
  court: {
    actions: [
      { id: 'read-court', to: 'content.right', params: { slug: 'going-to-court' } },
      { id: 'start-again', to: 'help.start' },
    ],
  },
};

export type HelpNode = { kind: 'question'; id: string; node: QuestionNode } | { kind: 'outcome'; id: string; node: OutcomeNode };

export function findNode(id: string): HelpNode | undefined {
  const question = QUESTIONS[id];
  if (question) return { kind: 'question', id, node: question };
  const outcome = OUTCOMES[id];
  return outcome ? { kind: 'outcome', id, node: outcome } : undefined;
}

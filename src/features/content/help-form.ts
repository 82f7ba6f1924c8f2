/**
 * The "What can I do?" guide's texts as content (kind "help", one item per step): a question's title and hint
 * with a label for each answer, or an outcome's title and text with a label for each next step. Which answers
 * and next steps a step has, and where they lead, is the guide's structure (features/help/tree.ts); the
 * authority edits the words.
 */
import { z } from 'zod';
import { pathTo } from '../../http/paths.ts';
import { findNode, type Action } from '../help/tree.ts';

export interface HelpExtra {
  /** A question's answers, by answer id. */
  answers?: Record<string, string>;
  /** An outcome's next steps, by action id. */
  nextSteps?: Record<string, string>;
}

const label = z.string().trim().min(1).max(200);

export const helpFrontMatter = z.object({
  legal_basis: z.string().trim().max(600).default(''),
  answers: z.record(z.string(), label).optional(),
  next_steps: z.record(z.string(), label).optional(),
});

/** The fields of a step: `help-option-<id>` for a question's answers, `help-action-<id>` for an outcome's next steps. */
export function helpFields(slug: string): { name: string; id: string; group: 'answers' | 'nextSteps'; leadsTo: string }[] {
  const node = findNode(slug);
  if (!node) return [];
  if (node.kind === 'question') return node.node.options.map(({ id, next }) => ({ name: `help-option-${id}`, id, group: 'answers', leadsTo: next }));
  return node.node.actions.map((action) => ({ name: `help-action-${action.id}`, id: action.id, group: 'nextSteps', leadsTo: address(action) }));
}

/** Where a next step leads, as the Kyrgyz page's address (the editor sees which page the button opens). */
function address(action: Action): string {
  const path = pathTo(action.to, { ...action.params, lang: 'ky' });
  return action.query ? `${path}?${new URLSearchParams(action.query).toString()}` : path;
}

export function helpFormValues(slug: string, extra: HelpExtra): Record<string, string> {
  return Object.fromEntries(helpFields(slug).map(({ name, id, group }) => [name, extra[group]?.[id] ?? '']));
}

export function parseHelpForm(slug: string, body: Record<string, unknown>): { ok: true; extra: HelpExtra } | { ok: false; fields: string[] } {
  const extra: Required<HelpExtra> = { answers: {}, nextSteps: {} };
  const wrong: string[] = [];
  for (const { name, id, group } of helpFields(slug)) {
    const parsed = label.safeParse(typeof body[name] === 'string' ? body[name] : '');
    if (parsed.success) extra[group][id] = parsed.data;
    else wrong.push(name);
  }
  if (wrong.length > 0) return { ok: false, fields: wrong };
  return { ok: true, extra: Object.keys(extra.answers).length > 0 ? { answers: extra.answers } : { nextSteps: extra.nextSteps } };
}

/** Every answer and next step of the step has its words (the seed checks each file with it). */
export function missingHelpLabels(slug: string, extra: HelpExtra): string[] {
  const node = findNode(slug);
  if (!node) return [`${slug}: no such step in the guide`];
  return helpFields(slug)
    .filter(({ id, group }) => !extra[group]?.[id])
    .map(({ id, group }) => `${slug}: ${group}.${id} has no words`);
}

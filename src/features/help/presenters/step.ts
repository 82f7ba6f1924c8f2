/** A step of "What can I do?": a question with its answers as links, or an outcome with its next steps. */
import type { Language } from '../../../config.ts';
import { pathTo } from '../../../http/paths.ts';
import type { Translate } from '../../../i18n/i18n.ts';
import { START, type Action, type HelpNode } from '../tree.ts';

interface HelpLink {
  href: string;
  textKey: string;
}

export interface HelpStepView {
  title: string;
  atStart: boolean;
  question: { titleKey: string; hintKey: string; options: HelpLink[] } | undefined;
  outcome: { titleKey: string; textKey: string; actions: HelpLink[] } | undefined;
  breadcrumbs: { text: string; href?: string }[];
}

/** The start is the guide's own address (/{lang}/help), every other step is /{lang}/help/<step>. */
function stepPath(step: string, lang: Language): string {
  return step === START ? pathTo('help.start', { lang }) : pathTo('help.step', { lang, step });
}

function actionPath(action: Action, lang: Language): string {
  const path = pathTo(action.to, { ...action.params, lang });
  return action.query ? `${path}?${new URLSearchParams(action.query).toString()}` : path;
}

function titleKey(node: HelpNode): string {
  return node.kind === 'question' ? `help.questions.${node.id}.title` : `help.outcomes.${node.id}.title`;
}

export function presentHelpStep(node: HelpNode, lang: Language, t: Translate): HelpStepView {
  const atStart = node.id === START;
  return {
    title: t(titleKey(node)),
    atStart,
    question:
      node.kind === 'question'
        ? {
            titleKey: titleKey(node),
            hintKey: `help.questions.${node.id}.hint`,
            options: node.node.options.map((option) => ({ href: stepPath(option.next, lang), textKey: `help.questions.${node.id}.options.${option.id}` })),
          }
        : undefined,
    outcome:
      node.kind === 'outcome'
        ? {
            titleKey: titleKey(node),
            textKey: `help.outcomes.${node.id}.text`,
            actions: node.node.actions.map((action) => ({ href: actionPath(action, lang), textKey: `help.actions.${action.id}` })),
          }
        : undefined,
    breadcrumbs: [
      { text: t('common.home'), href: pathTo('home', { lang }) },
      atStart ? { text: t('help.title') } : { text: t('help.title'), href: pathTo('help.start', { lang }) },
    ],
  };
}

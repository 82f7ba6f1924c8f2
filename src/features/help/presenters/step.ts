/** A step of "What can I do?": a question with its answers as links, or an outcome with its next steps. */
import type { Language } from '../../../config.ts';
import { pathTo } from '../../../http/paths.ts';
import type { Translate } from '../../../i18n/i18n.ts';
import { START, type Action, type HelpNode } from '../tree.ts';

/** The step's words as the authority published them (content of kind "help"), in one language. */
export interface StepTexts {
  lang: Language;
  title: string;
  /** A question's hint, or an outcome's text. */
  summary: string;
  /** More on an outcome, sanitised when it was saved; may be empty. */
  bodyHtml: string;
  answers: Record<string, string>;
  nextSteps: Record<string, string>;
}

interface HelpLink {
  href: string;
  text: string;
}

export interface HelpStepView {
  title: string;
  atStart: boolean;
  /** The step's language when it is not the page's (its translation is missing or outdated). */
  otherLang: Language | undefined;
  question: { title: string; hint: string; options: HelpLink[] } | undefined;
  outcome: { title: string; text: string; moreHtml: string; actions: HelpLink[] } | undefined;
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

export function presentHelpStep(node: HelpNode, texts: StepTexts, lang: Language, t: Translate): HelpStepView {
  const atStart = node.id === START;
  return {
    title: texts.title,
    atStart,
    otherLang: texts.lang === lang ? undefined : texts.lang,
    question:
      node.kind === 'question'
        ? {
            title: texts.title,
            hint: texts.summary,
            options: node.node.options.map((option) => ({ href: stepPath(option.next, lang), text: texts.answers[option.id] ?? '' })),
          }
        : undefined,
    outcome:
      node.kind === 'outcome'
        ? {
            title: texts.title,
            text: texts.summary,
            moreHtml: texts.bodyHtml,
            actions: node.node.actions.map((action) => ({ href: actionPath(action, lang), text: texts.nextSteps[action.id] ?? '' })),
          }
        : undefined,
    breadcrumbs: [
      { text: t('common.home'), href: pathTo('home', { lang }) },
      atStart ? { text: t('help.title') } : { text: t('help.title'), href: pathTo('help.start', { lang }) },
    ],
  };
}

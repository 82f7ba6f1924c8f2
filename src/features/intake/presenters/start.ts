/** A journey's start page: what to have ready, and either "start now" or "continue" with "start again". */
import type { Language } from '../../../config.ts';
import { pathTo } from '../../../http/paths.ts';
import type { Translate } from '../../../i18n/i18n.ts';
import { IDLE_MINUTES } from '../drafts.ts';
import { firstUnanswered, type Answers, type Journey } from '../journey.ts';
import { stepHref, type Stale } from './step.ts';

interface StartPageInput {
  t: Translate;
  lang: Language;
  journey: Journey;
  /** The answers of a draft in progress in this session, if any. */
  answers?: Answers;
  stale?: Stale;
}

export function presentStartPage({ t, lang, journey, answers, stale }: StartPageInput) {
  const inProgress = answers && Object.keys(answers).length > 0;
  return {
    title: t(journey.titleKey),
    startHref: stepHref(lang, journey, journey.steps[0]?.id ?? 'check'),
    resumeHref: inProgress ? stepHref(lang, journey, firstUnanswered(journey, answers)?.id ?? 'check') : undefined,
    startAgainAction: pathTo('intake.startAgain', { lang, journey: journey.path }),
    resumeSavedHref: pathTo('intake.resume', { lang }),
    breadcrumbs: [{ text: t('common.home'), href: pathTo('home', { lang }) }, { text: t(journey.titleKey) }],
    stale,
    idleMinutes: IDLE_MINUTES,
  };
}

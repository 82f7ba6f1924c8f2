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
  /** The organisation the complaint will be about, when the start page was opened from its register entry. */
  organisation?: { registrationNumber: string; name: string };
}

export function presentStartPage({ t, lang, journey, answers, stale, organisation }: StartPageInput) {
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
    aboutOrganisation: organisation
      ? { name: organisation.name, registrationNumber: organisation.registrationNumber, action: pathTo('intake.fromRegister', { lang }) }
      : undefined,
  };
}

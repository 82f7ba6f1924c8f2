/** "Check your answers": every answered step with a way to change it, the files, and the sending form. */
import { amendsOf } from '../registration-case.ts';
import type { Language } from '../../../config.ts';
import { pathTo } from '../../../http/paths.ts';
import type { Translate } from '../../../i18n/i18n.ts';
import { presentAnswers } from '../answers.ts';
import type { DraftFile } from '../draft-files.ts';
import { IDLE_MINUTES } from '../drafts.ts';
import { applicableSteps, previousStep, type Answers, type Journey } from '../journey.ts';
import { stepHref, type Stale } from './step.ts';

/** What the page says happens when the answers are sent, per journey. */
const SEND_KEYS: Record<Journey['type'], string> = {
  complaint: 'intake.check.send.complaint',
  report: 'intake.check.send.report',
  breach: 'intake.check.send.breach',
  registration: 'intake.check.send.registration',
};

interface CheckPageInput {
  t: Translate;
  lang: Language;
  journey: Journey;
  answers: Answers;
  files: readonly DraftFile[];
  keptUntil: string;
  stale?: Stale;
  /** The organisation named, when the register of holders does not hold it. */
  notRegistered?: string;
}

export function presentCheckPage({ t, lang, journey, answers, files, keptUntil, stale, notRegistered }: CheckPageInput) {
  const sections = presentAnswers(journey, answers, { t, lang }, applicableSteps(journey, answers)).map((section) => ({
    ...section,
    changeHref: `${stepHref(lang, journey, section.step)}?change=1`,
  }));
  return {
    title: t('intake.steps.check'),
    journeyTitle: t(journey.titleKey),
    sections,
    fileNames: files.map((file) => file.name),
    filesChangeHref: `${stepHref(lang, journey, 'evidence')}?change=1`,
    sendKey: SEND_KEYS[journey.type],
    action: pathTo('intake.check', { lang, journey: journey.path }),
    backHref: stepHref(lang, journey, previousStep(journey, answers, 'check')?.id ?? journey.steps[0]?.id ?? ''),
    keptUntil,
    saveHref: pathTo('intake.save', { lang, journey: journey.path }),
    stale,
    idleMinutes: IDLE_MINUTES,
    // Said without repeating the name: the answers below show it.
    notRegistered: notRegistered !== undefined,
    registerHref: pathTo('register.index', { lang }),
    amending: amendsOf(answers)?.registrationNumber,
  };
}

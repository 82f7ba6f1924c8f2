/** Saving a form to finish later: the page asking where to send the code, and the page showing it once. */
import type { Language } from '../../../config.ts';
import { pathTo } from '../../../http/paths.ts';
import { formatPhone } from '../../../lib/phone.ts';
import type { FormErrors } from '../../../http/validation.ts';
import type { Translate } from '../../../i18n/i18n.ts';
import { IDLE_MINUTES } from '../drafts.ts';
import { firstUnanswered, type Answers, type Journey } from '../journey.ts';
import { stepHref } from './step.ts';

interface JourneyPage {
  t: Translate;
  lang: Language;
  journey: Journey;
  answers: Answers;
}

/** Where the citizen goes on from: the first unanswered step, or "check your answers". */
function continueHref({ lang, journey, answers }: JourneyPage): string {
  return stepHref(lang, journey, firstUnanswered(journey, answers)?.id ?? 'check');
}

export function presentSavePage(page: JourneyPage & { fileCount: number; values: Record<string, unknown>; errors?: FormErrors; stale: boolean; days: number }) {
  const { t, lang, journey } = page;
  return {
    title: t('intake.save.title'),
    journeyTitle: t(journey.titleKey),
    action: pathTo('intake.save', { lang, journey: journey.path }),
    backHref: continueHref(page),
    days: page.days,
    fileCount: page.fileCount,
    values: page.values,
    errors: page.errors,
    stale: page.stale ? { lost: false } : undefined,
    idleMinutes: IDLE_MINUTES,
  };
}

export function presentSavedPage(page: JourneyPage & { code: string; expiresAt: Date; email: string; phone?: string }) {
  const { t, lang, journey } = page;
  return {
    title: t('intake.saved.title'),
    journeyTitle: t(journey.titleKey),
    code: page.code,
    until: page.expiresAt.toISOString().slice(0, 10),
    email: page.email,
    phone: page.phone ? formatPhone(page.phone) : '',
    resumeHref: pathTo('intake.resume', { lang }),
    continueHref: continueHref(page),
  };
}

/** The resume page: one for every journey (the code says which). */
export function presentResumePage({ t, lang, errors, days }: { t: Translate; lang: Language; errors?: FormErrors; days: number }) {
  return {
    title: t('intake.resume.title'),
    days,
    values: {},
    errors,
    breadcrumbs: [{ text: t('common.home'), href: pathTo('home', { lang }) }, { text: t('intake.resume.title') }],
  };
}

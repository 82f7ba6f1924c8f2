/** The privacy notice's retention periods, stated from the configuration and the constants the jobs themselves apply. */
import type { RetentionConfig } from '../../../config.ts';
import type { Translate } from '../../../i18n/i18n.ts';
import { KEPT_LETTER_DAYS_AFTER_REPLY, REMINDER_KEPT_DAYS } from '../../letters/service.ts';

export interface RetentionPeriodView {
  what: string;
  period: string;
}

export function presentRetentionPeriods(retention: RetentionConfig, t: Translate): RetentionPeriodView[] {
  const { years } = retention;
  return [
    { what: t('pages.privacy.retention.complaint'), period: t('pages.privacy.retention.yearsAfterClosure', { count: years.complaint }) },
    { what: t('pages.privacy.retention.report'), period: t('pages.privacy.retention.yearsAfterClosure', { count: years.report }) },
    { what: t('pages.privacy.retention.breach'), period: t('pages.privacy.retention.yearsAfterClosure', { count: years.breach }) },
    { what: t('pages.privacy.retention.registration'), period: t('pages.privacy.retention.yearsAfterRefusal', { count: years.registration }) },
    { what: t('pages.privacy.retention.draft'), period: t('pages.privacy.retention.days', { count: retention.draftDays }) },
    { what: t('pages.privacy.retention.upload'), period: t('pages.privacy.retention.hours', { count: retention.uploadHours }) },
    { what: t('pages.privacy.retention.keptLetter'), period: t('pages.privacy.retention.daysAfterReplyBy', { count: KEPT_LETTER_DAYS_AFTER_REPLY }) },
    { what: t('pages.privacy.retention.reminder'), period: t('pages.privacy.retention.untilSent', { count: REMINDER_KEPT_DAYS }) },
  ];
}

/** The contact page (the privacy and accessibility notices are content: content-notice.ts). Dates are when the text was last changed. */
import type { Translate } from '../../../i18n/i18n.ts';

export const NOTICES = {
  contact: { view: 'pages/contact', titleKey: 'pages.contact.title', updated: '2026-11-22' },
} as const;

export type NoticeName = keyof typeof NOTICES;

export interface NoticeView {
  title: string;
  /** YYYY-MM-DD, printed with formatDate. */
  updated: string;
}

export function presentNotice(name: NoticeName, t: Translate): NoticeView {
  const notice = NOTICES[name];
  return { title: t(notice.titleKey), updated: notice.updated };
}

/** The page shown once after keeping a letter: its code, the short link, and the reminders asked for. */
import type { Language } from '../../../config.ts';
import { pathTo } from '../../../http/paths.ts';
import type { Translate } from '../../../i18n/i18n.ts';
import { formatLongDate } from '../../../lib/dates.ts';
import { formatPhone } from '../../../lib/phone.ts';
import type { ReminderContact } from '../tracking.ts';

interface Kept {
  code: string;
  replyBy: string;
  publicUrl: string;
  reminders: readonly ReminderContact[];
}

export function presentFollowedPage(t: Translate, lang: Language, kept: Kept) {
  const digits = kept.code.replace(/\s/g, '');
  return {
    title: t('letters.followed.title'),
    code: kept.code,
    link: `${kept.publicUrl}${pathTo('letters.myRequestCode', { lang, code: digits })}`,
    href: pathTo('letters.myRequestCode', { lang, code: digits }),
    replyBy: formatLongDate(kept.replyBy, lang),
    reminders: kept.reminders.map((reminder) =>
      reminder.channel === 'sms'
        ? t('letters.followed.reminderSms', { number: formatPhone(reminder.contact) })
        : t('letters.followed.reminderEmail', { email: reminder.contact }),
    ),
    myRequestHref: pathTo('letters.myRequest', { lang }),
  };
}

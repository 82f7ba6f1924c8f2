/**
 * The receipt after a journey: the reference and, once, the access code, with ways to keep them (the page, and
 * the same as a plain text file in the page's language).
 */
import type { Config, Language } from '../../../config.ts';
import { pathTo } from '../../../http/paths.ts';
import type { FormErrors } from '../../../http/validation.ts';
import type { Translate } from '../../../i18n/i18n.ts';
import { formatDateTime } from '../../../lib/dates.ts';
import type { Journey } from '../journey.ts';

/** What the receipt file says about the portal itself. */
export type ReceiptSite = Pick<Config, 'publicUrl' | 'authority'>;

export interface ReceiptShown {
  reference: string;
  code: string | null;
}

const HEADING_KEYS: Record<Journey['type'], string> = {
  complaint: 'intake.receipt.heading.complaint',
  report: 'intake.receipt.heading.report',
  breach: 'intake.receipt.heading.breach',
  registration: 'intake.receipt.heading.registration',
};

const NEXT_KEYS: Record<Journey['type'], string> = {
  complaint: 'intake.receipt.next.complaint',
  report: 'intake.receipt.next.report',
  breach: 'intake.receipt.next.breach',
  registration: 'intake.receipt.next.registration',
};

export interface ReceiptPageExtra {
  errors?: FormErrors;
  values?: Record<string, unknown>;
  emailedTo?: string;
  /** The receipt of a request to remove a register entry. */
  deregistration?: boolean;
}

export function presentReceiptPage(t: Translate, lang: Language, journey: Journey, receipt: ReceiptShown, extra: ReceiptPageExtra = {}) {
  const params = { lang, journey: journey.path };
  return {
    title: t('intake.receipt.title'),
    headingKey: extra.deregistration ? 'intake.receipt.heading.deregistration' : HEADING_KEYS[journey.type],
    nextKey: extra.deregistration ? 'intake.receipt.next.deregistration' : NEXT_KEYS[journey.type],
    reference: receipt.reference,
    code: receipt.code,
    trackHref: pathTo('track.signIn', { lang }),
    lostHref: pathTo('track.lost', { lang }),
    emailAction: pathTo('intake.receiptEmail', params),
    downloadAction: pathTo('intake.receiptDownload', params),
    copyHref: pathTo('intake.receiptCopy', params),
    copyLeadKey: journey.type === 'breach' ? 'intake.copy.receiptLead.breach' : 'intake.copy.receiptLead.other',
    errors: extra.errors,
    values: extra.values ?? {},
    emailedTo: extra.emailedTo,
  };
}

/** The receipt as the lines of a plain text file (CRLF, for every reader's editor); `deregistration`: a request to remove an entry. */
export function receiptText(
  t: Translate,
  lang: Language,
  journey: Journey,
  site: ReceiptSite,
  found: { reference: string; receivedAt: Date; code: string | null },
  deregistration = false,
): string {
  const lines = [
    site.authority.name[lang],
    '',
    t(deregistration ? 'intake.receipt.heading.deregistration' : HEADING_KEYS[journey.type]),
    `${t('receipt.file.sentOn')}: ${formatDateTime(found.receivedAt, lang)}`,
    '',
    `${t('receipt.file.reference')}: ${found.reference}`,
    ...(found.code ? [`${t('receipt.file.accessCode')}: ${found.code}`] : []),
    '',
    t('receipt.file.follow'),
    `${site.publicUrl}${pathTo('track.signIn', { lang })}`,
    '',
    t(found.code ? 'receipt.file.keepSafe' : 'receipt.file.noCode'),
  ];
  return `${lines.join('\r\n')}\r\n`;
}

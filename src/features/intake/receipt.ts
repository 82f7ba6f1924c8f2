/**
 * The receipt after a journey: the reference and, once, the access code — with ways to keep them. The citizen
 * can print the page (a print stylesheet keeps the reference and code), download it as a text file, and have
 * the reference (never the code) e-mailed to an address they type.
 *
 * The code is not stored readable after the page has shown it, so the page's own forms post it back: the
 * server checks it against the case's hash and shows the page again with it (and a file can hold it). A code
 * that does not match is simply not shown.
 */
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { requestId } from '../../http/logging.ts';
import { validate, type FormErrors } from '../../http/validation.ts';
import { emailReference, receiptCase } from '../cases/citizen.ts';
import type { CaseRow } from '../cases/repository.ts';
import type { IntakeDeps } from './handlers.ts';
import type { Journey } from './journey.ts';

const receiptEmailForm = z.object({
  email: z.email({ error: 'validation.email' }).trim().max(254),
});

/** How many times one receipt page may e-mail its reference. */
const EMAILS_PER_RECEIPT = 3;

export interface ReceiptShown {
  reference: string;
  code: string | null;
}

/** Renders the receipt page (also after one of its own forms). */
export function renderReceipt(res: Response, journey: Journey, receipt: ReceiptShown, extra: { errors?: FormErrors; values?: Record<string, unknown>; emailedTo?: string; status?: number } = {}): void {
  const { lang, t } = res.locals;
  res.status(extra.status ?? 200).render('intake/receipt', {
    title: t('intake.receipt.title'),
    reference: receipt.reference,
    code: receipt.code,
    journey: journey.type,
    trackHref: `/${lang}/track`,
    receiptBase: `/${lang}/${journey.path}/submitted`,
    errors: extra.errors,
    values: extra.values ?? {},
    emailedTo: extra.emailedTo,
  });
}

/** The receipt as a plain text file, in the page's language. */
function receiptText(res: Response, journey: Journey, site: ReceiptSite, found: CaseRow, code: string | null): string {
  const { t, lang } = res.locals;
  const lines = [
    site.authority.name[lang],
    '',
    t(`intake.receipt.heading.${journey.type}`),
    `${t('receipt.file.sentOn')}: ${formatDateTime(found.received_at, lang)}`,
    '',
    `${t('receipt.file.reference')}: ${found.reference}`,
    ...(code ? [`${t('receipt.file.accessCode')}: ${code}`] : []),
    '',
    t('receipt.file.follow'),
    `${site.publicUrl}/${lang}/track`,
    '',
    t(code ? 'receipt.file.keepSafe' : 'receipt.file.noCode'),
  ];
  return `${lines.join('\r\n')}\r\n`;
}

/** What the receipt file says about the portal itself. */
export type ReceiptSite = Pick<Config, 'publicUrl' | 'authority'>;

export function receiptHandlers(journey: Journey, deps: IntakeDeps, site: ReceiptSite) {
  const posted = (req: Request): Record<string, unknown> => (req.body ?? {}) as Record<string, unknown>;

  /** This session's receipt and its case (with the posted code if it is the case's), or off to a new form. */
  async function receiptOf(req: Request, res: Response) {
    const receipt = req.session.receipt?.type === journey.type ? req.session.receipt : undefined;
    const found = receipt ? await receiptCase(deps, receipt.token, posted(req).code) : undefined;
    if (!receipt || !found) {
      res.redirect(303, `/${res.locals.lang}/${journey.path}/new`);
      return undefined;
    }
    return { receipt, found };
  }

  return {
    email: async (req: Request, res: Response): Promise<void> => {
      const held = await receiptOf(req, res);
      if (!held) return;
      const { receipt, found } = held;
      const shown = { reference: found.case.reference, code: found.code };
      const parsed = validate(receiptEmailForm, posted(req));
      if (!parsed.ok) {
        renderReceipt(res, journey, shown, { errors: parsed.errors, values: { email: typeof posted(req).email === 'string' ? String(posted(req).email).slice(0, 254) : '' }, status: 400 });
        return;
      }
      const sent = receipt.emailsSent ?? 0;
      if (sent >= EMAILS_PER_RECEIPT) {
        const error = { field: 'email', key: 'receipt.errors.tooMany', values: { max: EMAILS_PER_RECEIPT } };
        renderReceipt(res, journey, shown, { errors: { list: [error], byField: { email: error } }, values: { email: parsed.data.email }, status: 429 });
        return;
      }
      await emailReference(deps.submission, found.case, parsed.data.email, requestId(req));
      receipt.emailsSent = sent + 1;
      // The same page, with its code, and where the reference is going (whether or not the hourly limit let it).
      renderReceipt(res, journey, shown, { emailedTo: parsed.data.email });
    },

    download: async (req: Request, res: Response): Promise<void> => {
      const held = await receiptOf(req, res);
      if (!held) return;
      const { found } = held;
      res.set('Cache-Control', 'no-store');
      res.attachment(`receipt-${found.case.reference}.txt`).type('text/plain; charset=utf-8');
      res.send(receiptText(res, journey, site, found.case, found.code));
    },
  };
}

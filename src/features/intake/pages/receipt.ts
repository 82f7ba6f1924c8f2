/**
 * /{lang}/<journey>/submitted: the receipt, which shows the access code once, and its own forms (the reference
 * e-mailed to an address typed, the receipt as a text file, and a PDF copy of what was sent — for a breach, the
 * organisation's own breach log).
 *
 * The code is not stored readable after the page has shown it, so the page's own forms post it back: the
 * server checks it against the case's hash and shows the page again with it (and a file can hold it). A code
 * that does not match is simply not shown.
 */
import type { Request, Response } from 'express';
import { z } from 'zod';
import { requestId } from '../../../http/logging.ts';
import { pathTo } from '../../../http/paths.ts';
import { validate } from '../../../http/validation.ts';
import type { Translator } from '../../../i18n/i18n.ts';
import { emailReference, receiptCase, takeReceipt } from '../../cases/citizen.ts';
import { recordCaseExport } from '../../cases/citizen-files.ts';
import { citizenFiles } from '../../casework/service.ts';
import { caseCopyPdf } from '../copy-pdf.ts';
import type { Journey } from '../journey.ts';
import { presentReceiptPage, receiptText, type ReceiptPageExtra, type ReceiptShown, type ReceiptSite } from '../presenters/receipt.ts';
import type { IntakeDeps } from '../service.ts';
import { posted } from './step-form.ts';

const receiptEmailForm = z.object({
  email: z.email({ error: 'validation.email' }).trim().max(254),
});

/** How many times one receipt page may e-mail its reference. */
const EMAILS_PER_RECEIPT = 3;

function renderReceipt(res: Response, journey: Journey, receipt: ReceiptShown, extra: ReceiptPageExtra & { status?: number } = {}): void {
  const { lang, t } = res.locals;
  // A holder's request to remove their entry (sent from their case page) shares the register's receipt.
  const deregistration = res.req.session.receipt?.deregistration === true;
  res.status(extra.status ?? 200).render('intake/receipt', presentReceiptPage(t, lang, journey, receipt, { ...extra, deregistration }));
}

function toNewForm(res: Response, journey: Journey): void {
  res.redirect(303, pathTo('intake.start', { lang: res.locals.lang, journey: journey.path }));
}

export function receiptPage(journey: Journey, deps: IntakeDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const token = req.session.receipt?.type === journey.type ? req.session.receipt.token : undefined;
    const receipt = token ? await takeReceipt(deps, token) : undefined;
    if (!receipt) {
      toNewForm(res, journey);
      return;
    }
    renderReceipt(res, journey, receipt);
  };
}

/** This session's receipt and its case (with the posted code if it is the case's), or off to a new form. */
async function receiptOf(req: Request, res: Response, journey: Journey, deps: IntakeDeps) {
  const receipt = req.session.receipt?.type === journey.type ? req.session.receipt : undefined;
  const found = receipt ? await receiptCase(deps, receipt.token, posted(req).code) : undefined;
  if (!receipt || !found) {
    toNewForm(res, journey);
    return undefined;
  }
  return { receipt, found };
}

export function emailReceipt(journey: Journey, deps: IntakeDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const held = await receiptOf(req, res, journey, deps);
    if (!held) return;
    const { receipt, found } = held;
    const shown = { reference: found.case.reference, code: found.code };
    const typed = posted(req).email;
    const parsed = validate(receiptEmailForm, posted(req));
    if (!parsed.ok) {
      renderReceipt(res, journey, shown, { errors: parsed.errors, values: { email: typeof typed === 'string' ? typed.slice(0, 254) : '' }, status: 400 });
      return;
    }
    const sent = receipt.emailsSent ?? 0;
    if (sent >= EMAILS_PER_RECEIPT) {
      const error = { field: 'email', key: 'receipt.errors.tooMany', values: { count: EMAILS_PER_RECEIPT } };
      renderReceipt(res, journey, shown, { errors: { list: [error], byField: { email: error } }, values: { email: parsed.data.email }, status: 429 });
      return;
    }
    await emailReference(deps.submission, found.case, parsed.data.email, requestId(req));
    receipt.emailsSent = sent + 1;
    // The same page, with its code, and where the reference is going (whether or not the hourly limit let it).
    renderReceipt(res, journey, shown, { emailedTo: parsed.data.email });
  };
}

export function downloadReceipt(journey: Journey, deps: IntakeDeps, site: ReceiptSite) {
  return async (req: Request, res: Response): Promise<void> => {
    const held = await receiptOf(req, res, journey, deps);
    if (!held) return;
    const { found } = held;
    const { lang, t } = res.locals;
    res.set('Cache-Control', 'no-store');
    res.attachment(`receipt-${found.case.reference}.txt`).type('text/plain; charset=utf-8');
    const shown = { reference: found.case.reference, receivedAt: found.case.received_at, code: found.code };
    res.send(receiptText(t, lang, journey, site, shown, req.session.receipt?.deregistration === true));
  };
}

/** The PDF copy of what this session has just sent, in the case's language, with the files sent with it. */
export function downloadCopy(journey: Journey, deps: IntakeDeps & { site: ReceiptSite; translator: Translator }) {
  return async (req: Request, res: Response): Promise<void> => {
    const receipt = req.session.receipt?.type === journey.type ? req.session.receipt : undefined;
    const found = receipt ? await receiptCase(deps, receipt.token, undefined) : undefined;
    if (!found) {
      toNewForm(res, journey);
      return;
    }
    const files = await citizenFiles(deps.knex, found.case.id);
    const site = { translator: deps.translator, authority: deps.site.authority };
    const copy = await caseCopyPdf(deps.knex, site, found.case, { files: files.map((file) => ({ name: file.file_name, sizeBytes: file.size_bytes })) });
    await recordCaseExport(deps, found.case, requestId(req));
    res.set('Cache-Control', 'no-store');
    res.attachment(`${found.case.reference}.pdf`).type('application/pdf').send(copy);
  };
}

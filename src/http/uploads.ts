/**
 * multipart/form-data (forms with files), parsed only on the routes that take files — `uploads.accept(…)`
 * on the route — so it runs after the session and the CSRF check: a multipart form carries its CSRF token in
 * its action's query string (the `csrfAction` view helper), and no byte of an unauthenticated body is read.
 *
 * Files are streamed to a per-request temporary directory, encrypted with a key that lives only in this
 * request's memory, and removed when the response ends however it ends (sent, refused, failed, aborted). A
 * file over the size limit stops being written and is marked `tooLarge`; files beyond the count limit are
 * drained and marked `overCount`: the route names them in its message and keeps the rest of the form. Bodies
 * that are malformed, or hold too many or too large fields, are a 400; uploads at once are capped per process
 * and per client address (429), so slow or endless bodies cannot pile up.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import createHttpError from 'http-errors';
import type { UploadConfig } from '../config.ts';

import { parseBody, type ReceivedFile } from './multipart.ts';

export type { ReceivedFile };

export interface ReceivedUploads {
  files: ReceivedFile[];
  /** A keyed hash of the client address (for the per-address quota), never the address. */
  clientKey: string;
}

export interface UploadParser {
  /** Parses a multipart body on this route, taking files only from the named fields. Other requests pass through. */
  accept(options: { fields: readonly string[] }): RequestHandler;
}

function concurrencySlots(perProcess: number, perAddress: number) {
  let total = 0;
  const byAddress = new Map<string, number>();
  return {
    take(address: string): (() => void) | undefined {
      const mine = byAddress.get(address) ?? 0;
      if (total >= perProcess || mine >= perAddress) return undefined;
      total++;
      byAddress.set(address, mine + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        total--;
        const left = (byAddress.get(address) ?? 1) - 1;
        if (left > 0) byAddress.set(address, left);
        else byAddress.delete(address);
      };
    },
  };
}

export function createUploadParser(config: UploadConfig, secret: string): UploadParser {
  mkdirSync(config.tmpDir, { recursive: true, mode: 0o700 });
  const slots = concurrencySlots(config.concurrent.perProcess, config.concurrent.perAddress);
  // A browser posting more files than allowed still gets a message, not a refusal of the whole body.
  const maxBody = 2 * config.maxFiles * config.maxFileBytes + 1024 * 1024;

  const accept =
    (fields: readonly string[]) =>
    (req: Request, res: Response, next: NextFunction): void => {
      if (!req.is('multipart/form-data')) {
        next();
        return;
      }
      // A journey form whose token went stale (intake's recoverStaleJourneyForms) is shown again, but its
      // body was not vouched for by a valid token: it is not read.
      if (req.staleForm) {
        res.set('Connection', 'close');
        next();
        return;
      }
      const refuse = (error: Error): void => {
        // The body was not (all) read: close the connection rather than read what is left.
        if (!req.complete && !res.headersSent) res.set('Connection', 'close');
        next(error);
      };
      if (Number(req.get('content-length') ?? 0) > maxBody) {
        refuse(createHttpError(413, 'multipart body too large'));
        return;
      }
      const address = ipKeyGenerator(req.ip ?? 'unknown');
      const release = slots.take(address);
      if (!release) {
        refuse(createHttpError(429, 'too many uploads at once', { code: 'EUPLOADBUSY' }));
        return;
      }
      const dir = path.join(config.tmpDir, randomUUID());
      res.on('close', () => {
        release();
        void rm(dir, { recursive: true, force: true });
      });
      mkdir(dir, { mode: 0o700 })
        .then(() => parseBody(req, config, maxBody, fields, dir))
        .then(({ body, files }) => {
          req.body = body;
          req.uploads = { files, clientKey: createHmac('sha256', secret).update(`uploads:${address}`).digest('hex').slice(0, 64) };
          next();
        })
        .catch(refuse);
    };
  return { accept: ({ fields }) => accept(fields) };
}

/** The files posted under one field name (none when the route did not parse uploads). */
export function filesFrom(req: Request, field: string): ReceivedFile[] {
  return (req.uploads?.files ?? []).filter((file) => file.field === field);
}

/** The client key for per-address quotas, set by `accept`. */
export function uploadClientKey(req: Request): string {
  return req.uploads?.clientKey ?? 'none';
}

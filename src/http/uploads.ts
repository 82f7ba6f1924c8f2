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
import { createCipheriv, createDecipheriv, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { mkdir, readFile, rm, unlink } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import createHttpError from 'http-errors';
import type { UploadConfig } from '../config.ts';
import { withoutControlCharacters } from './input.ts';

/** A file received with a form. Its bytes wait on disk until `read()`. */
export interface ReceivedFile {
  field: string;
  /** The name the browser sent (sanitised later, when the file is accepted). */
  originalName: string;
  /** Bytes kept (at most the size limit). */
  size: number;
  /** Over the size limit: its bytes were not kept. */
  tooLarge: boolean;
  /** Beyond the number of files one form may send: not kept. */
  overCount: boolean;
  read(): Promise<Buffer>;
}

export interface ReceivedUploads {
  files: ReceivedFile[];
  /** A keyed hash of the client address (for the per-address quota), never the address. */
  clientKey: string;
}

export interface UploadParser {
  /** Parses a multipart body on this route, taking files only from the named fields. Other requests pass through. */
  accept(options: { fields: readonly string[] }): RequestHandler;
}

const MAX_FIELDS = 100;
const MAX_FIELD_BYTES = 64 * 1024;
/** Files beyond the limit are still named in the message, up to this many more; past that the body is refused. */
const EXTRA_FILES_NAMED = 20;

function badRequest(message: string): Error {
  return createHttpError(400, message, { code: 'EBADMULTIPART' });
}

/** Counts the body's bytes and stops at the limit. */
function byteLimit(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > limit) callback(createHttpError(413, 'multipart body too large'));
      else callback(null, chunk);
    },
  });
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

function appendField(body: Record<string, unknown>, name: string, value: string): void {
  const existing = body[name];
  body[name] = existing === undefined ? value : Array.isArray(existing) ? [...(existing as string[]), value] : [existing, value];
}

/** One body being parsed: where its files go, the key they are encrypted with, and what was received so far. */
interface Parse {
  config: UploadConfig;
  dir: string;
  key: Buffer;
  files: ReceivedFile[];
  writes: Promise<unknown>[];
  kept: number;
}

function openParser(req: Request, config: UploadConfig): busboy.Busboy {
  try {
    return busboy({
      headers: req.headers,
      // File names in UTF-8 (Cyrillic names), not busboy's latin1 default.
      defParamCharset: 'utf8',
      limits: {
        fileSize: config.maxFileBytes,
        files: config.maxFiles + EXTRA_FILES_NAMED,
        fields: MAX_FIELDS,
        fieldSize: MAX_FIELD_BYTES,
        parts: config.maxFiles + EXTRA_FILES_NAMED + MAX_FIELDS,
        headerPairs: 20,
      },
    });
  } catch {
    // No boundary, or not multipart at all.
    throw badRequest('malformed multipart header');
  }
}

/** Streams one file, encrypted, to the request's directory; a file over the size limit is not kept. */
function writeFile(parse: Parse, received: ReceivedFile, stream: Readable): Promise<void> {
  const file = path.join(parse.dir, String(parse.files.length));
  const iv = randomBytes(16);
  stream.on('limit', () => {
    received.tooLarge = true;
  });
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      received.size += chunk.length;
      callback(null, chunk);
    },
  });
  return pipeline(stream, counter, createCipheriv('aes-256-ctr', parse.key, iv), createWriteStream(file, { flags: 'wx', mode: 0o600 })).then(async () => {
    if (received.tooLarge) {
      await unlink(file);
      return;
    }
    received.read = async () => {
      const decipher = createDecipheriv('aes-256-ctr', parse.key, iv);
      const sealed = await readFile(file);
      return Buffer.concat([decipher.update(sealed), decipher.final()]);
    };
  });
}

function receiveFile(parse: Parse, fields: readonly string[], field: string, stream: Readable, filename: string | undefined): void {
  // A file input left empty still sends a part without a name; files for fields the route does not take are skipped.
  if (!fields.includes(field) || filename === undefined || filename === '') {
    stream.resume();
    return;
  }
  const received: ReceivedFile = {
    field,
    originalName: filename,
    size: 0,
    tooLarge: false,
    overCount: false,
    read: () => Promise.reject(new Error('file not kept')),
  };
  parse.files.push(received);
  if (parse.kept >= parse.config.maxFiles) {
    received.overCount = true;
    stream.resume();
    return;
  }
  parse.kept++;
  parse.writes.push(writeFile(parse, received, stream));
}

async function parseBody(
  req: Request,
  config: UploadConfig,
  maxBody: number,
  fields: readonly string[],
  dir: string,
): Promise<{ body: Record<string, unknown>; files: ReceivedFile[] }> {
  const parse: Parse = { config, dir, key: randomBytes(32), files: [], writes: [], kept: 0 };
  const body = Object.create(null) as Record<string, unknown>;
  const parser = openParser(req, config);
  const fail = (error: Error): void => {
    parser.destroy(error);
  };
  parser.on('field', (name, value, info) => {
    if (info.nameTruncated || info.valueTruncated) fail(badRequest('multipart field too large'));
    else appendField(body, name, value);
  });
  parser.on('fieldsLimit', () => fail(badRequest('too many multipart fields')));
  parser.on('filesLimit', () => fail(badRequest('too many multipart files')));
  parser.on('partsLimit', () => fail(badRequest('too many multipart parts')));
  parser.on('file', (field, stream, info) => receiveFile(parse, fields, field, stream, info.filename));
  try {
    await pipeline(req, byteLimit(maxBody), parser);
  } catch (error) {
    await Promise.allSettled(parse.writes);
    if (createHttpError.isHttpError(error)) throw error;
    // busboy's "Unexpected end of form", "Malformed part header", a client that went away…
    throw badRequest(error instanceof Error ? error.message : 'malformed multipart body');
  }
  const results = await Promise.allSettled(parse.writes);
  const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) throw failed.reason;
  return { body: withoutControlCharacters(body) as Record<string, unknown>, files: parse.files };
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

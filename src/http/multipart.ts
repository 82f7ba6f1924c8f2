/**
 * Reading one multipart/form-data body (http/uploads.ts decides when): fields into the body, files streamed
 * encrypted to the request's directory, every limit enforced as the bytes arrive.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import type { Request } from 'express';
import createHttpError from 'http-errors';
import type { UploadConfig } from '../config.ts';
import { withoutControlCharacters } from './input.ts';
import { feeding, partDelimiter, sealedFile, skippedParts } from './upload-memory.ts';

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
  const sealed = sealedFile(file, createCipheriv('aes-256-ctr', parse.key, iv), (bytes) => (received.size += bytes));
  return pipeline(stream, sealed).then(async () => {
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

export async function parseBody(
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
  const skipped = skippedParts(partDelimiter(req.get('content-type')));
  parser.on('file', (field, stream, info) => {
    stream.once('limit', () => skipped.skipRest());
    receiveFile(parse, fields, field, stream, info.filename);
  });
  try {
    await pipeline(req, byteLimit(maxBody), feeding(parser, skipped));
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

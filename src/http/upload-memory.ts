/**
 * Keeping an upload's memory flat. Node copies every chunk of a request body into a buffer of its own, and
 * encrypting a chunk makes another; both are freed only when the garbage collector next runs, so a body
 * arriving at network speed (a large file, or the endless bodies of the upload attack in
 * test/integration/uploads-server.test.ts) leaves tens of megabytes of spent buffers between two
 * collections. Two kinds are freed (detached) the moment they are spent instead:
 * - the chunks of a file part over the size limit, which busboy skips: a chunk counts as wholly skipped only
 *   when the part was already over its limit before the chunk came and the part's delimiter is nowhere in it
 *   (nor across it and the bytes before), so busboy pushes nothing of it anywhere and keeps only copies (its
 *   look-behind) of a delimiter's possible start;
 * - each encrypted chunk of a kept file, once it is on disk.
 */
import type { Cipheriv } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { Writable } from 'node:stream';
import type busboy from 'busboy';

/** The delimiter before each part, as busboy searches for it; undefined for a header we do not read exactly as busboy does. */
export function partDelimiter(contentType: string | undefined): Buffer | undefined {
  // Browsers send exactly this; anything else (quoted escapes, extra parameters) simply frees nothing early.
  const match = /^multipart\/form-data;\s*boundary=(?:"([0-9A-Za-z'()+_,\-./:=? ]{1,70})"|([0-9A-Za-z'()+_,\-./:=?]{1,70}))$/i.exec(contentType ?? '');
  const boundary = match?.[1] ?? match?.[2];
  return boundary === undefined ? undefined : Buffer.from(`\r\n--${boundary}`, 'latin1');
}

/**
 * Tracks whether busboy is skipping the current part, as chunks pass to it. A part's size limit (1 MB at
 * least) is larger than a body chunk (64 KB at most), so when a file reaches its limit, any delimiter in that
 * same chunk comes after the limit: the part has ended, and nothing is skipped any more. (With a smaller limit
 * the delimiter could be the part's opening one; the part is then simply not freed early.)
 */
export function skippedParts(delimiter: Buffer | undefined) {
  let skipping = false;
  /** Whether the chunk busboy is reading holds a delimiter (or ends one begun before it). */
  let delimited = false;
  // The stream's last bytes (copied), so that a delimiter split between chunks is seen; busboy's own
  // parser starts with a CRLF of its own, so the first part's delimiter is matched as it is there.
  let tail = Buffer.from('\r\n', 'latin1');
  const keep = delimiter ? delimiter.length - 1 : 0;
  return {
    /** A file part reached its size limit in the chunk busboy is reading: busboy skips the rest of it. */
    skipRest(): void {
      skipping = !delimited;
    },
    /** Before busboy reads a chunk: whether all of it belongs to a part busboy is skipping. */
    wholly(chunk: Buffer): boolean {
      if (!delimiter) return false;
      delimited = chunk.includes(delimiter) || Buffer.concat([tail, chunk.subarray(0, keep)]).includes(delimiter);
      tail = Buffer.from(Buffer.concat([tail, chunk.subarray(Math.max(0, chunk.length - keep))]).subarray(-keep));
      if (delimited) skipping = false;
      return skipping;
    },
  };
}

/** Detaches a chunk's memory (frees it now); only a buffer that owns all of its memory, so nothing else shares it. */
function release(chunk: Buffer): void {
  const { buffer } = chunk;
  if (buffer instanceof ArrayBuffer && chunk.byteOffset === 0 && chunk.byteLength === buffer.byteLength) buffer.transfer(0);
}

/** The parser as the end of a pipeline: each chunk goes to busboy, and a wholly skipped one is freed once busboy is done with it. */
export function feeding(parser: busboy.Busboy, skipped: ReturnType<typeof skippedParts>): Writable {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      const skippedWholly = skipped.wholly(chunk);
      parser.write(chunk, (error) => {
        if (!error && skippedWholly) release(chunk);
        callback(error);
      });
    },
    final(callback) {
      parser.once('finish', () => callback());
      parser.end();
    },
    destroy(error, callback) {
      if (!parser.destroyed) parser.destroy(error ?? undefined);
      callback(error);
    },
  });
  parser.on('error', (error: Error) => sink.destroy(error));
  return sink;
}

/** Writes what it is given to a new file (never an existing one), encrypted; each encrypted chunk is freed once on disk. */
export function sealedFile(file: string, cipher: Cipheriv, counted: (bytes: number) => void): Writable {
  let handle: FileHandle | undefined;
  const put = async (bytes: Buffer): Promise<void> => {
    for (let offset = 0; offset < bytes.length;) offset += (await (handle as FileHandle).write(bytes, offset)).bytesWritten;
    release(bytes);
  };
  const close = async (): Promise<void> => {
    const current = handle;
    handle = undefined;
    await current?.close();
  };
  return new Writable({
    construct(callback) {
      open(file, 'wx', 0o600).then((opened) => {
        handle = opened;
        callback();
      }, callback);
    },
    write(chunk: Buffer, _encoding, callback) {
      counted(chunk.length);
      put(cipher.update(chunk)).then(() => callback(), callback);
    },
    final(callback) {
      put(cipher.final())
        .then(close)
        .then(() => callback(), callback);
    },
    destroy(error, callback) {
      close().then(
        () => callback(error),
        () => callback(error),
      );
    },
  });
}

/**
 * Uploads the way an attacker, a slow phone or a browser that gives up sends them: raw multipart bodies on a
 * socket, written in chunks with hooks between them, and a look at what the server keeps on disk meanwhile.
 */
import { readdir, stat } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';

export const BOUNDARY = '----ukukTestBoundary7MA4YWxkTrZu0gW';

/** The opening of one file part. */
export function filePartHeader(field: string, fileName: string, type = 'application/pdf'): Buffer {
  return Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`, 'utf8');
}

export function fieldPart(name: string, value: string): Buffer {
  return Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`, 'utf8');
}

export const CLOSING = Buffer.from(`\r\n--${BOUNDARY}--\r\n`, 'utf8');

export interface RawResponse {
  /** The status line's code, or 0 when the server closed the connection without answering. */
  status: number;
  text: string;
}

export interface RawUpload {
  socket: net.Socket;
  /** Writes bytes, waiting for the socket to take them; false once the server has closed the connection. */
  write(bytes: Buffer): Promise<boolean>;
  response: Promise<RawResponse>;
}

/** Opens a POST with a multipart body of `length` bytes (as declared), to be written by the caller. */
export async function openUpload(
  port: number,
  target: string,
  options: { cookie?: string; length: number; headers?: Record<string, string> },
): Promise<RawUpload> {
  const socket = net.connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const received: Buffer[] = [];
  let closed = false;
  socket.on('data', (chunk: Buffer) => received.push(chunk));
  socket.on('error', () => undefined);
  const response = new Promise<RawResponse>((resolve) => {
    socket.once('close', () => {
      closed = true;
      const text = Buffer.concat(received).toString('utf8');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), text });
    });
  });
  const headers = {
    Host: `127.0.0.1:${String(port)}`,
    'Content-Type': `multipart/form-data; boundary=${BOUNDARY}`,
    'Content-Length': String(options.length),
    Connection: 'close',
    ...(options.cookie ? { Cookie: options.cookie } : {}),
    ...options.headers,
  };
  socket.write(
    `POST ${target} HTTP/1.1\r\n${Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}`)
      .join('\r\n')}\r\n\r\n`,
  );
  return {
    socket,
    response,
    write(bytes) {
      if (closed || socket.destroyed) return Promise.resolve(false);
      return new Promise((resolve) => {
        socket.write(bytes, (error) => resolve(!error && !closed));
      });
    },
  };
}

/** Sends a whole body in chunks of `chunkSize`, stopping early if the server closes the connection. */
export async function sendBody(
  upload: RawUpload,
  parts: Buffer[],
  filler: { bytes: number; chunkSize?: number } | undefined,
  after: Buffer[] = [],
): Promise<RawResponse> {
  for (const part of parts) if (!(await upload.write(part))) return upload.response;
  if (filler) {
    const chunk = Buffer.alloc(filler.chunkSize ?? 1024 * 1024, 0x20);
    for (let sent = 0; sent < filler.bytes; sent += chunk.length) {
      if (!(await upload.write(chunk.subarray(0, Math.min(chunk.length, filler.bytes - sent))))) return upload.response;
    }
  }
  for (const part of after) if (!(await upload.write(part))) return upload.response;
  return upload.response;
}

/** The files under a directory (temporary uploads live one directory per request), with their sizes. */
export async function filesUnder(dir: string): Promise<{ file: string; size: number }[]> {
  const found: { file: string; size: number }[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => [])) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const info = await stat(file).catch(() => undefined);
    if (info) found.push({ file, size: info.size });
  }
  return found;
}

/** Waits (polling, never a fixed sleep) until a condition holds, or fails after `timeoutMs`. */
export async function waitUntil(what: string, condition: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The cookie header a browser would send after these responses. */
export function cookieFrom(setCookie: string[]): string {
  return setCookie.map((cookie) => cookie.split(';')[0]).join('; ');
}

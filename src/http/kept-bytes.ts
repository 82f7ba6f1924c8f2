/**
 * Bytes kept for a long time (a kept page, its compressed variants, a form page's parts) in a buffer of exactly
 * their size. On Node 24 `Buffer.from(text)` answers with a view of a 64 KB allocation for any text between 4 and
 * 64 KB, and zlib's synchronous calls with a view of their 64 KB output chunk: kept as is, a 300-byte suggestion
 * list holds 64 KB, and a page cache hundreds of megabytes that its byte count never sees.
 */

export function keptBytes(text: string): Buffer {
  const bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
  bytes.write(text);
  return bytes;
}

export function keptCopy(view: Buffer): Buffer {
  const bytes = Buffer.allocUnsafeSlow(view.length);
  view.copy(bytes);
  return bytes;
}

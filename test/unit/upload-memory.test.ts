import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import { expect } from 'chai';
import { feeding, partDelimiter, skippedParts } from '../../src/http/upload-memory.ts';

const BOUNDARY = '----ukukMemoryBoundary4kQ';
const CONTENT_TYPE = `multipart/form-data; boundary=${BOUNDARY}`;
/** Larger than a chunk, as a real limit (1 MB at least) is larger than a body chunk (64 KB at most). */
const LIMIT = 65_537;
const AFTER = `typed after the big file: ${'Кыргызча текст. '.repeat(300)}`;

function part(headers: string, body: Buffer | string): Buffer {
  return Buffer.concat([Buffer.from(`--${BOUNDARY}\r\n${headers}\r\n\r\n`), Buffer.from(body), Buffer.from('\r\n')]);
}

/** Bytes that keep nearly matching the delimiter: every proper prefix of it, again and again. */
function nearMisses(length: number): Buffer {
  const delimiter = `\r\n--${BOUNDARY}`;
  let text = '';
  for (let size = 1; text.length < length; size = (size % (delimiter.length - 1)) + 1) text += `${delimiter.slice(0, size)}x`;
  return Buffer.from(text.slice(0, length));
}

/** A form as a browser sends it: a field, a file far over the limit, a field and a small file after it. */
function form(): { body: Buffer; skipped: [number, number] } {
  const before = part('Content-Disposition: form-data; name="before"', 'typed before');
  const bigHeader = part('Content-Disposition: form-data; name="files"; filename="big.pdf"\r\nContent-Type: application/pdf', '').subarray(0, -2);
  const big = nearMisses(8 * LIMIT);
  const after = Buffer.concat([
    Buffer.from('\r\n'),
    part('Content-Disposition: form-data; name="after"', AFTER),
    part('Content-Disposition: form-data; name="files"; filename="small.txt"\r\nContent-Type: text/plain', 'small file'),
    Buffer.from(`--${BOUNDARY}--\r\n`),
  ]);
  const start = before.length + bigHeader.length;
  // The bytes busboy skips: the big file's past the limit, up to the CRLF that begins the next delimiter.
  return { body: Buffer.concat([before, bigHeader, big, after]), skipped: [start + LIMIT, start + big.length] };
}

/** Cuts the body into chunks, each in memory of its own (as Node hands a request body over), with a cut at each given offset. */
function chunked(body: Buffer, cuts: number[]): { chunk: Buffer; from: number; to: number }[] {
  const points = [...new Set([0, ...cuts.filter((cut) => cut > 0 && cut < body.length), body.length])].sort((a, b) => a - b);
  return points.slice(0, -1).map((from, index) => {
    const chunk = Buffer.alloc((points[index + 1] ?? body.length) - from);
    body.copy(chunk, 0, from);
    return { chunk, from, to: from + chunk.length };
  });
}

/** Whether a chunk's memory was given back (its buffer detached). */
function freed(chunk: Buffer): boolean {
  return chunk.buffer instanceof ArrayBuffer && chunk.buffer.detached;
}

async function parse(chunks: { chunk: Buffer }[]): Promise<{ fields: Record<string, string>; files: Record<string, string> }> {
  const parser = busboy({ headers: { 'content-type': CONTENT_TYPE }, limits: { fileSize: LIMIT } });
  const skipped = skippedParts(partDelimiter(CONTENT_TYPE));
  const fields: Record<string, string> = {};
  const files: Record<string, string> = {};
  parser.on('field', (name, value) => (fields[name] = value));
  parser.on('file', (_field, stream, info) => {
    stream.once('limit', () => skipped.skipRest());
    const received: Buffer[] = [];
    stream.on('data', (data: Buffer) => received.push(Buffer.from(data)));
    stream.on('end', () => (files[info.filename ?? ''] = Buffer.concat(received).toString('latin1')));
  });
  await pipeline(Readable.from(chunks.map(({ chunk }) => chunk)), feeding(parser, skipped));
  return { fields, files };
}

describe('upload memory: the bytes of a file over the limit are freed as soon as busboy skips them', () => {
  const { body, skipped } = form();
  const delimiterAt = skipped[1];
  const delimiterLength = `\r\n--${BOUNDARY}`.length;

  for (const size of [13, 61, 1000, 4096, 65_536]) {
    it(`frees only skipped bytes, and the form arrives whole, in chunks of ${String(size)} bytes`, async () => {
      const chunks = chunked(
        body,
        Array.from({ length: Math.ceil(body.length / size) }, (_, index) => index * size),
      );
      const { fields, files } = await parse(chunks);
      expect(fields).to.deep.equal({ before: 'typed before', after: AFTER });
      expect(files['small.txt']).to.equal('small file');
      expect(files['big.pdf']).to.equal(body.subarray(skipped[0] - LIMIT, skipped[0]).toString('latin1'));
      const released = chunks.filter(({ chunk }) => freed(chunk));
      expect(released.length, 'chunks freed at once').to.be.above(0);
      // Freed: bytes of the big file past the limit, or the start of the delimiter after it (busboy keeps a copy).
      for (const { from, to } of released) {
        expect(from, 'a freed chunk starts in the skipped bytes').to.be.at.least(skipped[0]);
        expect(to, 'and ends before the delimiter is whole').to.be.below(delimiterAt + delimiterLength);
      }
    });
  }

  it('never frees the chunk that completes the next delimiter, wherever the cut falls in it', async () => {
    for (let offset = 0; offset <= delimiterLength; offset++) {
      const cut = delimiterAt + offset;
      const chunks = chunked(body, [skipped[0] + 100, cut - 2000, cut - 500, cut, cut + 300]);
      const { fields, files } = await parse(chunks);
      expect(fields.after, `cut ${String(offset)} bytes into the delimiter`).to.equal(AFTER);
      expect(files['small.txt']).to.equal('small file');
      for (const { to } of chunks.filter(({ chunk }) => freed(chunk))) {
        expect(to, `cut ${String(offset)}: a freed chunk ends before the delimiter is whole`).to.be.below(delimiterAt + delimiterLength);
      }
    }
  });

  it('never frees what follows a file that reached its limit and ended in the same chunk', async () => {
    // One chunk holds the limit, the file's end and the start of the next field; the next lies inside that field.
    const fieldStart = body.indexOf(Buffer.from(AFTER.slice(0, 20)));
    const chunks = chunked(body, [skipped[0] - 10, fieldStart + 100, fieldStart + 1000]);
    const { fields } = await parse(chunks);
    expect(fields.after).to.equal(AFTER);
    expect(chunks.filter(({ chunk }) => freed(chunk))).to.deep.equal([]);
  });

  it('reads the boundary only from a header browsers send, and otherwise frees nothing early', () => {
    expect(partDelimiter(CONTENT_TYPE)?.toString()).to.equal(`\r\n--${BOUNDARY}`);
    expect(partDelimiter(`multipart/form-data; boundary="${BOUNDARY}"`)?.toString()).to.equal(`\r\n--${BOUNDARY}`);
    expect(partDelimiter(`multipart/form-data; charset=utf-8; boundary=${BOUNDARY}`)).to.equal(undefined);
    expect(partDelimiter('multipart/form-data; boundary="a\\"b"')).to.equal(undefined);
    expect(partDelimiter(undefined)).to.equal(undefined);
    const never = skippedParts(undefined);
    never.skipRest();
    expect(never.wholly(Buffer.alloc(10, 0x20))).to.equal(false);
  });
});

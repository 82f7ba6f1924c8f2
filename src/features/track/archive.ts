/**
 * "Download everything we hold about your case": a ZIP with the case as a readable PDF (`copy`: answers, file
 * list, timeline and messages in the case's language), the citizen's answers as plain text (`summary`, built by
 * the same presenter as the case page), and every file, decrypted (and the originals of converted photos). Streamed file by file: the next file is read from storage only once the
 * previous one has gone into the ZIP, which itself waits for the client, so a case with many large files never
 * sits in memory whole.
 */
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import type { Knex } from 'knex';
import { readAttachment, type BlobStorage } from '../attachments/service.ts';
import type { CaseSpace } from '../cases/citizen.ts';

/** Waits until the ZIP's buffer is down to its high-water mark and the client is not behind (or has gone). */
async function clientCaughtUp(zip: Readable, output: Writable): Promise<void> {
  while (!output.destroyed && (output.writableNeedDrain || zip.readableLength > zip.readableHighWaterMark)) {
    const settled = new AbortController();
    const { signal } = settled;
    // Whichever comes first; the other listeners are removed (aborting rejects their promises: ignored).
    await Promise.race([once(output, 'drain', { signal }), once(zip, 'data', { signal }), once(output, 'close', { signal })]).catch(() => undefined);
    settled.abort();
  }
}

export async function writeCaseArchive(
  knex: Knex,
  storage: BlobStorage,
  space: CaseSpace,
  output: Writable,
  documents: { copy?: Buffer; summary?: string } = {},
): Promise<void> {
  // archiver (some 3 MB of memory) is loaded with the first archive asked for, not at start.
  const { ZipArchive } = await import('archiver');
  const zip = new ZipArchive({ zlib: { level: 6 } });
  const done = new Promise<void>((resolve, reject) => {
    output.on('finish', resolve);
    zip.on('error', reject);
  });
  zip.pipe(output);
  const { case: found } = space;
  if (documents.copy) zip.append(documents.copy, { name: `${found.reference}/${found.reference}.pdf` });
  if (documents.summary) zip.append(documents.summary, { name: `${found.reference}/answers.txt` });
  const used = new Set<string>();
  const unique = (path: string): string => {
    let candidate = path;
    for (let n = 2; used.has(candidate); n++) candidate = path.replace(/(\.[^./]*)?$/, ` (${n})$1`);
    used.add(candidate);
    return candidate;
  };
  for (const file of space.files) {
    for (const variant of ['file', 'original'] as const) {
      const content = await readAttachment(storage, knex, file, variant);
      if (!content) continue;
      const entry = once(zip, 'entry');
      zip.append(content.bytes, { name: unique(`${found.reference}/files/${variant === 'original' ? 'originals/' : ''}${content.fileName}`) });
      // The next file is read only once archiver has taken this one and the client has taken nearly all of it:
      // archiver may finish an entry held in its own buffer, so its 'entry' alone does not wait for the client.
      await entry;
      await clientCaughtUp(zip, output);
    }
  }
  await zip.finalize();
  await done;
}

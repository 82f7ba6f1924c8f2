/**
 * The first stage of accepting evidence (service.ts has the second): each received file checked by its
 * content, scanned, and made into what will be kept — nothing is stored here.
 */
import { checkFile, extensionOf, type RefusalReason } from './file-check.ts';
import { heicToJpeg, withoutMetadata } from './images.ts';
import type { ScanResult, Scanner } from './scanner.ts';
import type { BlobStorage } from './types.ts';

/** A file as the HTTP layer received it (see http/uploads.ts). */
export interface Upload {
  originalName: string;
  tooLarge: boolean;
  overCount: boolean;
  read(): Promise<Buffer>;
}

export type UploadProblem = RefusalReason | 'infected' | 'tooLarge' | 'tooMany' | 'quotaDraft' | 'quotaCase' | 'quotaAddress';

export interface FileProblem {
  problem: UploadProblem;
  fileName: string;
}

export interface AttachmentDeps {
  storage: BlobStorage;
  scanner: Scanner;
}

export interface Content {
  fileName: string;
  contentType: string;
  bytes: Buffer;
}

/** A file ready to store: what people open, and the original when that is a converted copy. */
export interface PreparedFile extends Content {
  original?: Content;
  scan: Exclude<ScanResult, 'infected'>;
  metadataRemoved: boolean;
}

/** At most this many files are decoded, parsed or re-encoded at once in this process: each may take 200 MB. */
const heavyWork = (() => {
  const limit = 2;
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(work: () => Promise<T>): Promise<T> => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await work();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
})();

function renamed(fileName: string, extension: string): string {
  const current = extensionOf(fileName);
  return `${current ? fileName.slice(0, -current.length - 1) : fileName}.${extension}`;
}

async function prepareOne(deps: AttachmentDeps, upload: Upload, stripMetadata: boolean): Promise<PreparedFile | FileProblem> {
  const bytes = await upload.read();
  const verdict = await checkFile(bytes, upload.originalName);
  if (!verdict.ok) return { problem: verdict.reason, fileName: verdict.fileName };
  const scan = await deps.scanner.scan(bytes);
  if (scan === 'infected') return { problem: 'infected', fileName: verdict.fileName };
  const file: PreparedFile = { fileName: verdict.fileName, contentType: verdict.contentType, bytes, scan, metadataRemoved: false };
  if (verdict.kind === 'image' && stripMetadata) {
    return { ...file, bytes: await withoutMetadata(bytes, verdict.contentType as 'image/jpeg' | 'image/png'), metadataRemoved: true };
  }
  if (verdict.kind === 'heic') {
    const jpeg = await heicToJpeg(bytes);
    if (!jpeg) return { problem: 'type', fileName: verdict.fileName };
    const original = stripMetadata ? undefined : { fileName: verdict.fileName, contentType: verdict.contentType, bytes };
    return {
      fileName: renamed(verdict.fileName, 'jpg'),
      contentType: 'image/jpeg',
      bytes: jpeg,
      scan,
      metadataRemoved: stripMetadata,
      ...(original ? { original } : {}),
    };
  }
  return file;
}

/**
 * Checks and converts received files, one at a time. `room` is how many more files the form may hold;
 * files beyond it, over the size limit, or refused are returned as problems naming each file.
 */
export async function prepareUploads(
  deps: AttachmentDeps,
  uploads: readonly Upload[],
  options: { stripMetadata: boolean; room: number },
): Promise<{ accepted: PreparedFile[]; problems: FileProblem[] }> {
  const accepted: PreparedFile[] = [];
  const problems: FileProblem[] = [];
  for (const [index, upload] of uploads.entries()) {
    const fileName = upload.originalName.slice(0, 100);
    if (upload.overCount || index >= options.room) problems.push({ problem: 'tooMany', fileName });
    else if (upload.tooLarge) problems.push({ problem: 'tooLarge', fileName });
    else {
      const result = await heavyWork(() => prepareOne(deps, upload, options.stripMetadata));
      if ('problem' in result) problems.push(result);
      else accepted.push(result);
    }
  }
  return { accepted, problems };
}

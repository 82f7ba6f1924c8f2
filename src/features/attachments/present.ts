/**
 * Files as pages show them: a stored file in a list (name, size, whether it is a document that names its
 * author, its original), and refused uploads as form errors.
 */
import type { UploadConfig } from '../../config.ts';
import type { FieldError, FormErrors } from '../../http/validation.ts';
import { isDocument } from './file-check.ts';
import type { AttachmentRow } from './types.ts';
import type { FileProblem, UploadProblem } from './service.ts';

export interface FileView {
  id: string;
  name: string;
  sizeBytes: number;
  createdAt: Date;
  /** Word, Excel and OpenDocument files keep author names: lists warn beside them. */
  isDocument: boolean;
  metadataRemoved: boolean;
  original?: { name: string; sizeBytes: number };
}

export function presentFile(row: AttachmentRow): FileView {
  return {
    id: row.id,
    name: row.file_name,
    sizeBytes: row.size_bytes,
    createdAt: row.created_at,
    isDocument: isDocument(row.content_type),
    metadataRemoved: row.metadata_removed,
    ...(row.original_file_name && row.original_size_bytes !== null ? { original: { name: row.original_file_name, sizeBytes: row.original_size_bytes } } : {}),
  };
}

const MEGABYTE = 1024 * 1024;

/**
 * One error per refused file, each naming the file and saying why, for the summary and (all of them) beside
 * the file input. `maxFiles` is what this field may hold.
 */
export function fileProblemErrors(
  field: string,
  problems: readonly FileProblem[],
  limits: { maxFiles: number; maxFileBytes: number; quotas: UploadConfig['quotas'] },
): FormErrors {
  const max: Partial<Record<UploadProblem, number>> = {
    tooLarge: Math.round(limits.maxFileBytes / MEGABYTE),
    quotaDraft: Math.round(limits.quotas.draftBytes / MEGABYTE),
    quotaCase: Math.round(limits.quotas.caseBytes / MEGABYTE),
    quotaAddress: Math.round(limits.quotas.addressBytesPerHour / MEGABYTE),
  };
  const list = problems.map((problem): FieldError => ({
    field,
    key: `validation.file.${problem.problem}`,
    // "up to 5 files" is a plural (count); the other limits are megabytes.
    values: problem.problem === 'tooMany' ? { name: problem.fileName, count: limits.maxFiles } : { name: problem.fileName, max: max[problem.problem] ?? 0 },
  }));
  return { list, byField: list[0] ? { [field]: list[0] } : {} };
}

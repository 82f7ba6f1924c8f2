/** The evidence field of the case page's message form: what it accepts, its limits, the hidden-information choice. */
import type { UploadConfig } from '../../../config.ts';
import { ACCEPT_ATTRIBUTE } from '../../attachments/file-check.ts';

interface UploadFieldView {
  accept: string;
  stripMetadata: boolean;
  /** Anonymous reports always lose hidden information: no choice is offered. */
  stripChoice: boolean;
  maxBytes: number;
  maxMegabytes: number;
}

export function megabytes(bytes: number): number {
  return Math.round(bytes / (1024 * 1024));
}

export function presentUploadField(uploads: Pick<UploadConfig, 'maxFileBytes'>, choice: { stripMetadata: boolean; anonymous: boolean }): UploadFieldView {
  return {
    accept: ACCEPT_ATTRIBUTE,
    stripMetadata: choice.stripMetadata,
    stripChoice: !choice.anonymous,
    maxBytes: uploads.maxFileBytes,
    maxMegabytes: megabytes(uploads.maxFileBytes),
  };
}

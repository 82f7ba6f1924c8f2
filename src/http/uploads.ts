/**
 * multipart/form-data (forms with files) parsed once for the whole app, before the CSRF check — so a form
 * with files is protected exactly like any other. Files stay in memory within the configured limits; a file
 * over the size limit, or one file too many, does not fail the request: the route reads `req.uploadProblem`
 * and tells the user, keeping the rest of the form. Forms put their `_csrf` field first, so it is read even
 * when a file is refused.
 */
import type { NextFunction, Request, Response } from 'express';
import multer from 'multer';

export type UploadLimitProblem = 'tooLarge' | 'tooMany';

export function parseMultipart(limits: { maxFileBytes: number; maxFiles: number }) {
  const parse = multer({
    storage: multer.memoryStorage(),
    // File names in UTF-8 (Cyrillic names), not busboy's latin1 default.
    defParamCharset: 'utf8',
    limits: { fileSize: limits.maxFileBytes, files: limits.maxFiles, fields: 100, fieldSize: 64 * 1024, parts: limits.maxFiles + 100 },
  }).any();
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!req.is('multipart/form-data')) {
      next();
      return;
    }
    parse(req, res, (error: unknown) => {
      if (error instanceof multer.MulterError && (error.code === 'LIMIT_FILE_SIZE' || error.code === 'LIMIT_FILE_COUNT')) {
        req.uploadProblem = error.code === 'LIMIT_FILE_SIZE' ? 'tooLarge' : 'tooMany';
        req.files = [];
        next();
        return;
      }
      next(error instanceof multer.MulterError ? Object.assign(error, { status: 400 }) : error);
    });
  };
}

/** The files posted under one field name. */
export function filesFrom(req: Request, field: string): { originalname: string; buffer: Buffer }[] {
  const files = Array.isArray(req.files) ? req.files : [];
  return files.filter((file) => file.fieldname === field && (file.size > 0 || file.originalname !== ''));
}

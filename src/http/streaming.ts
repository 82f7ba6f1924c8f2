/** Writing a long download without holding it: wait until what was written has gone out (or the reader has gone). */
import type { Response } from 'express';

export function drained(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/**
 * Which test files of a parallel run have finished, for the one test that must come after all the others: the
 * log scan (zz-log-scan.test.ts) reads what every file logged. The main process hears each file's results
 * once the file is done (a worker sends them all at its end) and writes the count of finished files, beside the
 * number of files, under var/test-runs/<run>; a worker waits on that count. A serial run runs its files in order,
 * so the last file needs no waiting.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isParallelWorker, testRunId } from './database.ts';
import { TEST_VAR_DIR } from './env.ts';
import { waitFor } from './wait.ts';

function runDir(): string {
  return path.join(TEST_VAR_DIR, 'test-runs', testRunId());
}

function readCount(name: 'total' | 'done'): number | undefined {
  try {
    return Number(readFileSync(path.join(runDir(), name), 'utf8'));
  } catch {
    return undefined;
  }
}

interface FileEvents {
  file?: string;
}

/** In the main process (global setup, `this` being the runner): keeps the count of finished files on disk. */
export function countFinishedFiles(runner: Mocha.Runner): void {
  mkdirSync(runDir(), { recursive: true });
  // Mocha's types know only the callback; the run passes its files as the second argument.
  const run: (callback?: (failures: number) => void, options?: { files?: string[] }) => Mocha.Runner = runner.run.bind(runner);
  // The files are known only when the run starts: the one moment to write how many there are.
  runner.run = (callback?: (failures: number) => void, options?: { files?: string[] }) => {
    writeFileSync(path.join(runDir(), 'total'), String(options?.files?.length ?? 0));
    return run(callback, options);
  };
  const finished = new Set<string>();
  const note = (event: FileEvents) => {
    if (!event.file || finished.has(event.file)) return;
    finished.add(event.file);
    writeFileSync(path.join(runDir(), 'done'), String(finished.size));
  };
  for (const name of ['suite end', 'test end', 'pending', 'fail']) runner.on(name, note);
  // A file whose tests --grep leaves out sends no event at all: the parallel runner's own end of each file
  // (mocha 12's ParallelBufferedRunner) counts it too.
  const parallel = runner as Mocha.Runner & { _createFileRunner?: (pool: unknown, options: unknown) => (file: string) => Promise<void> };
  const createFileRunner = parallel._createFileRunner?.bind(runner);
  if (createFileRunner) {
    parallel._createFileRunner = (pool, options) => {
      const runFile = createFileRunner(pool, options);
      return async (file) => {
        try {
          await runFile(file);
        } finally {
          note({ file });
        }
      };
    };
  }
}

export function removeRunFiles(): void {
  rmSync(runDir(), { recursive: true, force: true });
}

/** In a worker of a parallel run: returns once every other file of the run has finished. */
export async function otherFilesFinished(): Promise<void> {
  if (!isParallelWorker()) return;
  await waitFor(
    () => {
      const total = readCount('total');
      const done = readCount('done');
      return total !== undefined && done !== undefined && done >= total - 1;
    },
    'every other test file of the run to finish',
    20 * 60_000,
    200,
  );
}

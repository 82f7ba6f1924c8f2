/**
 * Memory the portal frees goes back to the system.
 *
 * glibc's malloc (Linux) keeps what a program frees for its next allocations and gives back only the free memory
 * at the very end of each of its arenas. Under load the portal's native allocations (compressing pages, V8's helper
 * threads, libvips for photos) leave free holes between memory still in use, and the process held some 40–60 MB it
 * no longer used (measured after the benchmark's loads: malloc had 77 MB from the system, 21 MB in use).
 * `malloc_trim` hands those free pages back; it is called through koffi (a foreign-function library with prebuilt
 * binaries) every TRIM_EVERY_MS, for well under a millisecond. Where there is no glibc (macOS, Windows, musl) that
 * part is skipped. What it cannot reach: the free end of a helper thread's arena (it trims only the main arena's
 * end) — where each staff login's 19 MB for argon2 stays once glibc has raised its mmap threshold.
 *
 * V8 keeps the pages its heap no longer needs in a pool, still in memory, for its next allocations, and empties the
 * pool only in a last-resort collection (when memory is short) — never on its own under load, nor idle: after the
 * benchmark's public loads the pool held some 70 MB (256 KB pages beyond the heap's own 100 MB). So when the memory
 * outside the heap has grown by RELEASE_AFTER_BYTES since the last time, a last-resort collection is asked for, and
 * the pool goes back. That collection stops everything while it runs — two full compacting collections back to
 * back, 100–250 ms in all on a 2-core server with an 80 MB heap; asking for it "async" only defers its start — so it
 * is asked for only when the event loop was all but idle over the last interval (BUSY_AT_MOST). Under load it used
 * to run every interval, and each time every request in flight waited for it: the staff queue's p99 rose to 250–345
 * ms. Under steady load the pool is not lost either: the heap takes its pages back as it grows again.
 */
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Logger } from 'pino';

/** Often enough that a burst's leftovers go back within the minute; rare enough to cost nothing measurable. */
export const TRIM_EVERY_MS = 15_000;
/** Growth of the memory outside V8's heap (resident minus heap) that has the pool of freed heap pages emptied. */
const RELEASE_AFTER_BYTES = 16 * 1024 * 1024;
/** The share of the last interval the event loop may have been busy for the pool to be emptied at its end. */
const BUSY_AT_MOST = 0.1;

type Trim = () => boolean;

let loading: Promise<Trim | undefined> | undefined;

function loadTrim(): Promise<Trim | undefined> {
  loading ??= (async () => {
    if (process.platform !== 'linux') return undefined;
    try {
      const { default: koffi } = await import('koffi');
      const trim = koffi.load('libc.so.6').func('int malloc_trim(size_t pad)') as (pad: number) => number;
      return () => trim(0) === 1;
    } catch {
      // Not glibc (musl has no malloc_trim and no libc.so.6), or koffi has no binary for this machine.
      return undefined;
    }
  })();
  return loading;
}

/**
 * Gives the free memory malloc holds back to the system now. Resolves to whether anything was given back, or
 * undefined where this cannot be done.
 */
export async function returnFreedMemory(): Promise<boolean | undefined> {
  const trim = await loadTrim();
  return trim?.();
}

type Collect = (options: { type: 'major'; execution: 'async'; flavor: 'last-resort' }) => Promise<void>;

let collect: Collect | undefined;

/**
 * Empties V8's pool of freed heap pages: a last-resort collection, which stops everything while it runs (`async`
 * only starts it from a task of its own). V8's `gc` is taken from a context of its own, so it is never a global the
 * portal's code or its libraries could call.
 */
export function releaseHeapPages(): Promise<void> {
  if (!collect) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as Collect;
    setFlagsFromString('--no-expose-gc');
  }
  return collect({ type: 'major', execution: 'async', flavor: 'last-resort' });
}

function outsideHeap(): number {
  const { rss, heapTotal } = process.memoryUsage();
  return rss - heapTotal;
}

/**
 * Every `everyMs` (TRIM_EVERY_MS) for as long as the process runs: malloc's free memory goes back, and V8's pool
 * of freed pages when the memory outside the heap has grown by RELEASE_AFTER_BYTES and the event loop was busy for
 * at most BUSY_AT_MOST of the interval. The returned function stops it.
 */
export async function keepReturningFreedMemory(logger: Logger, everyMs = TRIM_EVERY_MS): Promise<() => void> {
  const trim = await loadTrim();
  if (!trim) logger.debug('freed memory is left to the allocator (no glibc malloc_trim here)');
  let baseline = outsideHeap();
  let releasing = false;
  let sinceLastTick = performance.eventLoopUtilization();
  const timer = setInterval(() => {
    trim?.();
    const now = performance.eventLoopUtilization();
    const busy = performance.eventLoopUtilization(now, sinceLastTick).utilization;
    sinceLastTick = now;
    // Growth is counted from the lowest point since the last release: what malloc has just given back (or V8 on its
    // own) lowers it, so memory held when this started and returned since is never taken for the pool's growth.
    const outside = outsideHeap();
    baseline = Math.min(baseline, outside);
    if (releasing || busy > BUSY_AT_MOST || outside - baseline < RELEASE_AFTER_BYTES) return;
    releasing = true;
    const before = process.memoryUsage.rss();
    void releaseHeapPages().then(
      () => {
        trim?.();
        baseline = outsideHeap();
        releasing = false;
        logger.debug({ returnedMb: Math.round((before - process.memoryUsage.rss()) / 1024 / 1024) }, 'freed heap pages released');
      },
      (error: unknown) => logger.error({ err: error }, 'the freed heap pages could not be released'),
    );
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

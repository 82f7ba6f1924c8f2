/**
 * Memory the portal frees goes back to the system. glibc's malloc (Linux) keeps what a program frees for its next
 * allocations and gives back only the free memory at the very end of each of its arenas. Under load the portal's
 * native allocations (compressing pages, V8's helper threads, libvips for photos) leave free holes between memory
 * still in use, and the process held some 40–60 MB it no longer used (measured after the benchmark's loads: malloc
 * had 77 MB from the system, 21 MB in use). `malloc_trim` hands those free pages back; it is called through koffi
 * (a foreign-function library with prebuilt binaries) every TRIM_EVERY_MS, for well under a millisecond. Where there
 * is no glibc (macOS, Windows, musl) nothing is done. What it cannot reach: the free end of a helper thread's arena
 * (it trims only the main arena's end) — where each staff login's 19 MB for argon2 stays once glibc has raised its
 * mmap threshold (see the closing note of issue 19, stop 32).
 */
import type { Logger } from 'pino';

/** Often enough that a burst's leftovers go back within the minute; rare enough to cost nothing measurable. */
const TRIM_EVERY_MS = 15_000;

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

/** Gives freed memory back every TRIM_EVERY_MS for as long as the process runs; the returned function stops it. */
export async function keepReturningFreedMemory(logger: Logger): Promise<() => void> {
  const trim = await loadTrim();
  if (!trim) {
    logger.debug('freed memory is left to the allocator (no glibc malloc_trim here)');
    return () => undefined;
  }
  const timer = setInterval(trim, TRIM_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * Waiting for a condition instead of sleeping: checks again every few milliseconds and fails, naming what it
 * waited for, only when the condition has not held for `timeoutMs`. A busy machine makes it slower, never red.
 */
export async function waitFor<T>(check: () => T | Promise<T>, what: string, timeoutMs = 60_000, intervalMs = 50): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${String(timeoutMs)} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

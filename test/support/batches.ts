/**
 * Many requests whose order does not matter (a flood counted by a limiter, say), sent `size` at a time instead of
 * one after another: the same requests and checks, without waiting for each round trip in turn.
 */
export async function inBatches<T>(count: number, size: number, task: (index: number) => PromiseLike<T>): Promise<T[]> {
  const results: T[] = [];
  for (let start = 0; start < count; start += size) {
    results.push(...(await Promise.all(Array.from({ length: Math.min(size, count - start) }, (_, offset) => task(start + offset)))));
  }
  return results;
}

/**
 * Writes grouped while one is in flight — group commit in the portal: the first write goes at once; the writes
 * asked for while it is on its way wait for it and then go together, in one statement, in the order asked. Each
 * caller's promise settles when the statement that holds its write has committed, so nothing answers before its
 * write is durable. For writes that must follow one another (the audit chain's appends hold one lock until their
 * commit has been flushed to disk): one write per transaction made each wait for the flushes of all before it.
 */
import DataLoader from 'dataloader';
import type { Knex } from 'knex';
import { loaderPerDatabase } from './per-turn.ts';

/** `write` gets the keys in the order asked and returns one answer per key, in their order. */
export function groupedWrites<K, V>(
  write: (knex: Knex, keys: readonly K[]) => Promise<V[]>,
  options: { maxBatchSize?: number } = {},
): (knex: Knex, key: K) => Promise<V> {
  return loaderPerDatabase((knex) => {
    // The batch on its way; a new batch is sent once it has settled, whichever way.
    let inFlight: Promise<unknown> = Promise.resolve();
    return new DataLoader<K, V>(
      (keys) => {
        const written = write(knex, keys);
        inFlight = written.catch(() => undefined);
        return written;
      },
      {
        cache: false,
        maxBatchSize: options.maxBatchSize ?? 200,
        batchScheduleFn: (callback) => {
          void inFlight.then(() => setImmediate(callback));
        },
      },
    );
  });
}

/**
 * Reads batched a turn of the event loop at a time: what the requests read in one turn (every connection's data
 * the turn delivered) ask for goes to the database in one statement, when the turn reaches its check phase
 * (setImmediate). Nothing is kept between turns: each read is as fresh as a statement of its own. On a small
 * server the round trip, not the statement, is most of what a busy page's read costs (CONTRIBUTING.md).
 */
import DataLoader from 'dataloader';
import type { Knex } from 'knex';

/**
 * A read per database: `batch` gets the keys asked for in one turn (a key may come more than once) and returns
 * one answer per key, in their order.
 */
export function perTurn<K, V>(
  batch: (knex: Knex, keys: readonly K[]) => Promise<V[]>,
  options: { maxBatchSize?: number } = {},
): (knex: Knex, key: K) => Promise<V> {
  return loaderPerDatabase(
    (knex) =>
      new DataLoader<K, V>((keys) => batch(knex, keys), {
        cache: false,
        maxBatchSize: options.maxBatchSize ?? 100,
        batchScheduleFn: (callback) => setImmediate(callback),
      }),
  );
}

/** `load(knex, key)` through one loader per database, made by `create` the first time that database is asked. */
export function loaderPerDatabase<K, V>(create: (knex: Knex) => DataLoader<K, V>): (knex: Knex, key: K) => Promise<V> {
  const loaders = new WeakMap<Knex, DataLoader<K, V>>();
  return (knex, key) => {
    let loader = loaders.get(knex);
    if (!loader) {
      loader = create(knex);
      loaders.set(knex, loader);
    }
    return loader.load(key);
  };
}

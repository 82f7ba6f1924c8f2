/**
 * Statements the database plans once per connection and then only runs (node-postgres's named statements), for
 * the few reads a public page makes thousands of times a second with new values each time: there, planning the
 * statement anew costs the database several times what running it does (the typeahead: 0.11 ms to plan, 0.02 ms
 * to run). Only for a fixed text with $n parameters, on a connection of the pool (never inside a transaction).
 */
import type { Knex } from 'knex';
import type pg from 'pg';

/** A read of one fixed text: its name is the statement's name on every connection. */
export interface PreparedRead {
  name: string;
  text: string;
}

export async function preparedRows<T extends pg.QueryResultRow>(knex: Knex, read: PreparedRead, values: unknown[]): Promise<T[]> {
  // The pool's own connections (node-postgres clients): taken and given back as knex does for a query.
  const pool = knex.client as { acquireConnection(): Promise<pg.Client>; releaseConnection(connection: pg.Client): Promise<unknown> };
  const connection = await pool.acquireConnection();
  try {
    return (await connection.query<T>({ name: read.name, text: read.text, values })).rows;
  } finally {
    await pool.releaseConnection(connection);
  }
}

/** Counters of refused requests per kind, client and window, until their window ends and they become audit events. */
import type { Knex } from 'knex';
import type { Details } from './canonical.ts';

export interface RefusalWindow {
  action: string;
  clientKey: string;
  windowStart: Date;
  windowEnd: Date;
  count: number;
  firstRequestId: string | null;
  details: Details;
}

/** Counts `count` refusals in their window; the first of the window keeps its request id and details. */
export async function countRefusals(knex: Knex, refusal: Omit<RefusalWindow, 'count'>, count: number): Promise<number> {
  const result = await knex.raw<{ rows: { count: number }[] }>(
    `insert into security_event_windows (action, client_key, window_start, window_end, count, first_request_id, details)
     values (:action, :clientKey, :windowStart, :windowEnd, :count, :firstRequestId, :details)
     on conflict (action, client_key, window_start) do update set count = security_event_windows.count + excluded.count
     returning count`,
    { ...refusal, count, details: JSON.stringify(refusal.details) },
  );
  return result.rows[0]?.count ?? 1;
}

/**
 * Takes (deletes and returns) up to `limit` windows that ended by `now`, within `trx`. Rows another instance
 * is taking are skipped, so each window is taken once.
 */
export async function takeEndedWindows(trx: Knex.Transaction, now: Date, limit: number): Promise<RefusalWindow[]> {
  const result = await trx.raw<{
    rows: { action: string; client_key: string; window_start: Date; window_end: Date; count: number; first_request_id: string | null; details: Details }[];
  }>(
    `with due as (
       select action, client_key, window_start from security_event_windows
       where window_end <= :now order by window_start limit :limit for update skip locked)
     delete from security_event_windows w using due
     where w.action = due.action and w.client_key = due.client_key and w.window_start = due.window_start
     returning w.*`,
    { now, limit },
  );
  return result.rows
    .map((row) => ({
      action: row.action,
      clientKey: row.client_key,
      windowStart: row.window_start,
      windowEnd: row.window_end,
      count: row.count,
      firstRequestId: row.first_request_id,
      details: row.details,
    }))
    .sort((a, b) => a.windowStart.getTime() - b.windowStart.getTime());
}

/** Claims an alert for this kind, subject and window; false when one was already sent. */
export async function claimAlert(trx: Knex.Transaction, kind: string, subject: string, windowStart: Date): Promise<boolean> {
  const rows = await trx('security_alerts')
    .insert({ kind, subject, window_start: windowStart })
    .onConflict(['kind', 'subject', 'window_start'])
    .ignore()
    .returning('kind');
  return rows.length === 1;
}

export async function deleteOldAlerts(knex: Knex, olderThanDays: number): Promise<number> {
  return knex('security_alerts')
    .where('created_at', '<', knex.raw('now() - make_interval(days => ?)', [olderThanDays]))
    .delete();
}

/**
 * The audit chain's canonical form — defined as one SQL expression, evaluated by PostgreSQL when an event is
 * appended and again when the chain is verified, so that an outside tool can re-verify a dump with nothing but
 * PostgreSQL (or by reproducing jsonb's text output):
 *
 *   canonical = jsonb_build_array(
 *                 'ukuk-audit-v1',                 -- format tag
 *                 id::text,                        -- e.g. "42"
 *                 to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),   -- microseconds
 *                 actor_type, actor_id, action, entity_type, entity_id, request_id,           -- text or null
 *                 details,                         -- jsonb: keys ordered by length, then bytes
 *                 prev_hash)::text                 -- hash of the previous event; 64 zeros for the first
 *   hash      = lowercase hex of SHA-256 over the UTF-8 bytes of canonical
 *
 * jsonb's text form is deterministic: `", "` between elements, `": "` after keys, strings escaped as JSON.
 * The chain is valid when, in increasing id order, every hash recomputes and every prev_hash equals the
 * previous event's hash; checkpoints (event count and head at a moment) must still match the chain.
 *
 * Verification takes the expression from here, in the application, rather than from a database function, so that
 * someone who can change the database cannot also change what verification computes. Appends use the same expression,
 * written into the database function audit_append (migration 20261209100000): an append is one statement. A new
 * canonical form therefore needs a migration too; the audit tests verify appended events against this one.
 */
import { createHmac } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);
export const ACTOR_TYPES = ['staff', 'citizen', 'organisation', 'system'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

export type DetailValue = string | number | boolean | null | DetailValue[] | { [key: string]: DetailValue };
export type Details = Record<string, DetailValue>;

/** SQL computing an event's hash from its columns; `alias` qualifies the columns (e.g. "e."). */
export function hashSql(alias = ''): string {
  const c = (column: string): string => `${alias}${column}`;
  return `encode(pg_catalog.sha256(convert_to(jsonb_build_array('ukuk-audit-v1', ${c('id')}::text,
    to_char(${c('occurred_at')} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    ${c('actor_type')}, ${c('actor_id')}, ${c('action')}, ${c('entity_type')}, ${c('entity_id')}, ${c('request_id')},
    ${c('details')}, ${c('prev_hash')})::text, 'UTF8')), 'hex')`;
}

/** An IP address as a keyed hash: lets staff see that refusals came from one client without storing its address. */
export function hashIp(ip: string | undefined, secret: string): string | null {
  if (!ip) return null;
  return createHmac('sha256', secret).update(`ip:${ip}`).digest('hex').slice(0, 32);
}

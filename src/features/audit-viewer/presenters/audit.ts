/** The audit viewer's view model: the chain's state, the filter's choices, the events as rows and the page links. */
import { pathTo } from '../../../http/paths.ts';
import type { ActorType } from '../../audit/canonical.ts';
import type { Checkpoint } from '../../audit/service.ts';
import type { Checked } from '../service.ts';
import type { AuditQuery } from '../schemas.ts';

const ACTOR_KEYS: Record<ActorType, string> = {
  staff: 'casework.actors.staff',
  citizen: 'casework.actors.citizen',
  organisation: 'casework.actors.organisation',
  system: 'casework.actors.system',
};

/** The actor-type choices of the filter, labelled. */
export function actorTypeItems(t: (key: string) => string): { value: string; label: string }[] {
  return Object.entries(ACTOR_KEYS).map(([value, key]) => ({ value, label: t(key) }));
}

export interface ChainView {
  ok: boolean;
  count: number;
  headHash?: string;
  brokenEventId?: number | null;
  problem?: string;
  checkedAt: Date;
  checkpoint?: { eventCount: number; createdAt: Date; headHash: string };
}

export function presentChain(checked: Checked, checkpoint: Checkpoint | undefined): ChainView {
  const { result } = checked;
  const shown = checkpoint ? { eventCount: checkpoint.eventCount, createdAt: checkpoint.createdAt, headHash: checkpoint.headHash } : undefined;
  if (result.ok) return { ok: true, count: result.count, headHash: result.headHash, checkedAt: checked.at, checkpoint: shown };
  return { ok: false, count: result.count, brokenEventId: result.eventId, problem: result.problem, checkedAt: checked.at, checkpoint: shown };
}

/** The filter's text fields as a query string (the same filter on the next page). */
function filterQuery(filter: Omit<AuditQuery, 'before'>, before?: number): string {
  const params = new URLSearchParams(Object.entries(filter).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  if (before !== undefined) params.set('before', String(before));
  return params.toString();
}

/** "Older" while there are more events; "first page" once the reader has paged on. */
export function pageLinks(query: AuditQuery, nextBeforeId: number | undefined): { nextHref?: string; firstHref?: string } {
  const { before, ...filter } = query;
  const index = pathTo('staff.audit.index');
  return {
    nextHref: nextBeforeId ? `${index}?${filterQuery(filter, nextBeforeId)}` : undefined,
    firstHref: before ? `${index}?${filterQuery(filter)}` : undefined,
  };
}

/** Internal notes (staff only) and links between cases (duplicates, related). */
import { record } from '../audit/service.ts';
import { loadForChange } from './case-file.ts';
import { findCaseIdByReference } from './case-repository.ts';
import { insertEvent } from '../cases/service.ts';
import { insertLink, insertNote } from './events-repository.ts';
import type { CaseworkDeps, StaffActor } from './service.ts';

/** An internal note: on the staff timeline only, never shown to the citizen. */
export async function addNote(deps: CaseworkDeps, reference: string, body: string, actor: StaffActor): Promise<void> {
  await deps.knex.transaction(async (trx) => {
    const found = await loadForChange(trx, reference, actor);
    await insertNote(trx, found.id, actor.id, body);
    await insertEvent(trx, {
      case_id: found.id,
      kind: 'note_added',
      from_status: null,
      to_status: null,
      visible_to_citizen: false,
      actor_type: 'staff',
      actor_id: String(actor.id),
      data: {},
    });
    await record(trx, {
      actorType: 'staff',
      actorId: actor.id,
      action: 'case.note.added',
      entityType: 'case',
      entityId: found.reference,
      requestId: actor.requestId,
    });
  });
}

type LinkResult = 'linked' | 'already' | 'notFound' | 'self';

/** Links two cases (in either direction, once); the other case must exist and be another one. */
export async function linkCases(
  deps: CaseworkDeps,
  reference: string,
  linkedReference: string,
  kind: 'duplicate' | 'related',
  actor: StaffActor,
): Promise<LinkResult> {
  return deps.knex.transaction(async (trx) => {
    const found = await loadForChange(trx, reference, actor);
    const otherId = await findCaseIdByReference(trx, linkedReference);
    if (otherId === undefined) return 'notFound';
    if (otherId === found.id) return 'self';
    const [first, second] = found.id < otherId ? [found.id, otherId] : [otherId, found.id];
    if (!(await insertLink(trx, first, second, kind, actor.id))) return 'already';
    const data = { linked: linkedReference, linkKind: kind };
    await insertEvent(trx, {
      case_id: found.id,
      kind: 'case_linked',
      from_status: null,
      to_status: null,
      visible_to_citizen: false,
      actor_type: 'staff',
      actor_id: String(actor.id),
      data,
    });
    const details = { linked: linkedReference, kind };
    await record(trx, {
      actorType: 'staff',
      actorId: actor.id,
      action: 'case.linked',
      entityType: 'case',
      entityId: found.reference,
      requestId: actor.requestId,
      details,
    });
    return 'linked';
  });
}

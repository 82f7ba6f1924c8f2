/**
 * What "download everything" holds besides the files: the case as JSON (camelCase, the people with the case, no
 * storage keys) and the citizen's answers as readable text.
 */
import type { Translate } from '../../../i18n/i18n.ts';
import type { CaseSpace } from '../../cases/citizen.ts';
import type { CaseRow, PartyRow } from '../../cases/service.ts';
import { answersText, type AnswerSection } from '../../intake/answers.ts';

/** answers.txt: the kind of case and its reference, then the answers as the case page shows them. */
export function archiveSummary(t: Translate, found: Pick<CaseRow, 'type' | 'reference'>, answers: readonly AnswerSection[]): string {
  return `${t(`track.types.${found.type}`)} ${found.reference}\n${t('track.archive.answersTitle')}\n\n${answersText(answers)}\n`;
}

export function archiveData(space: CaseSpace, parties: readonly PartyRow[]) {
  const { case: found } = space;
  return {
    reference: found.reference,
    type: found.type,
    status: found.status,
    language: found.language,
    receivedAt: found.received_at,
    organisation: { name: found.organisation_name, inn: found.organisation_inn, sector: found.sector },
    people: parties.map(({ role, full_name, email, postal_address, phone, position, preferred_language, identity_may_be_shared }) => ({
      role,
      fullName: full_name,
      email,
      postalAddress: postal_address,
      phone,
      position,
      preferredLanguage: preferred_language,
      identityMayBeShared: identity_may_be_shared,
    })),
    answers: found.answers,
    deadlines: { registration: found.registration_due, answer: found.answer_due },
    timeline: space.timeline.map((event) => ({ at: event.occurred_at, kind: event.kind, from: event.from_status, to: event.to_status })),
    messages: space.messages.map((message) => ({ at: message.created_at, direction: message.direction, text: message.body })),
    files: space.files.map((file) => ({
      name: file.file_name,
      type: file.content_type,
      bytes: file.size_bytes,
      sha256: file.sha256,
      uploadedAt: file.created_at,
      hiddenInformationRemoved: file.metadata_removed,
      ...(file.original_file_name
        ? { original: { name: file.original_file_name, type: file.original_content_type, bytes: file.original_size_bytes, sha256: file.original_sha256 } }
        : {}),
    })),
  };
}

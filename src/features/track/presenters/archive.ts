/**
 * What "download everything" holds besides the files: the case as a readable PDF in its language (answers,
 * files, timeline, messages) and the citizen's answers as plain text in the page's language.
 */
import type { Translate } from '../../../i18n/i18n.ts';
import type { CaseSpace } from '../../cases/citizen.ts';
import type { CaseRow } from '../../cases/service.ts';
import { answersText, type AnswerSection } from '../../intake/answers.ts';
import type { CopyExtras } from '../../intake/copy-pdf.ts';

/** answers.txt: the kind of case and its reference, then the answers as the case page shows them. */
export function archiveSummary(t: Translate, found: Pick<CaseRow, 'type' | 'reference'>, answers: readonly AnswerSection[]): string {
  return `${t(`track.types.${found.type}`)} ${found.reference}\n${t('track.archive.answersTitle')}\n\n${answersText(answers)}\n`;
}

/** What the PDF copy prints besides the answers: the files (a converted photo's original too), the timeline, the messages. */
export function archiveCopyExtras(space: CaseSpace): CopyExtras {
  return {
    files: space.files.flatMap((file) => [
      { name: file.file_name, sizeBytes: file.size_bytes },
      ...(file.original_file_name ? [{ name: file.original_file_name, sizeBytes: file.original_size_bytes ?? 0 }] : []),
    ]),
    timeline: space.timeline.map((event) => ({ at: event.occurred_at, labelKey: event.label })),
    messages: space.messages.map((message) => ({ at: message.created_at, fromAgency: message.direction === 'to_citizen', body: message.body })),
  };
}

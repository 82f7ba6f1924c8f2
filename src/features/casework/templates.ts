/**
 * Standard messages to citizens. The officer picks one; it is written in the case's language (not the
 * officer's) from the translations, and may be followed by the officer's own text.
 */
import type { Language } from '../../config.ts';
import type { Translator } from '../../i18n/i18n.ts';
import { formatLongDate } from '../../lib/dates.ts';

export const MESSAGE_TEMPLATES = ['progress_update', 'request_documents', 'organisation_contacted', 'identity_check'] as const;
export type MessageTemplate = (typeof MESSAGE_TEMPLATES)[number];

export function composeMessage(
  translator: Translator,
  lang: Language,
  template: MessageTemplate | undefined,
  body: string,
  values: { reference: string; answerDue: string },
): string {
  const parts = template
    ? [translator.forLanguage(lang)(`casework.templates.${template}.body`, { ...values, answerDue: formatLongDate(values.answerDue, lang) })]
    : [];
  if (body) parts.push(body);
  return parts.join('\n\n');
}

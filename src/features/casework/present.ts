/**
 * What a citizen or organisation answered, as labelled rows for the staff case page (pure). Field names get
 * the intake form's own labels; option codes get their translated labels where one exists.
 */
import type { Language } from '../../config.ts';
import type { Translator } from '../../i18n/i18n.ts';

export interface AnswerRow {
  label: string;
  value: string;
}

const OPTION_GROUPS = ['intake.yesNo', 'intake.languages', 'intake.sectors', 'intake.rights', 'intake.dataKinds', 'intake.outcomes', 'intake.breach.nature', 'intake.breach.data', 'intake.breach.people', 'intake.breach.told'];

export function answerRows(translator: Translator, lang: Language, answers: Record<string, unknown>): AnswerRow[] {
  const t = translator.forLanguage(lang);
  const has = (key: string) => translator.exists(lang, key);
  const label = (name: string) => t(`intake.fields.${name}`);
  const option = (code: string) => {
    if (!/^[\w-]{1,40}$/.test(code)) return code;
    const group = OPTION_GROUPS.find((candidate) => has(`${candidate}.${code}`));
    return group ? t(`${group}.${code}`) : code;
  };
  const show = (value: unknown): string => {
    if (Array.isArray(value)) return value.map((item) => show(item)).join('; ');
    if (typeof value === 'string') return option(value);
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    return '';
  };
  const rows: AnswerRow[] = [];
  const walk = (value: Record<string, unknown>) => {
    for (const [name, entry] of Object.entries(value)) {
      if (entry === null || entry === undefined || entry === '' || name.startsWith('_')) continue;
      if (typeof entry === 'object' && !Array.isArray(entry)) walk(entry as Record<string, unknown>);
      // Only what the forms asked (fields with a label); bookkeeping such as hoursToNotify is shown elsewhere.
      else if (has(`intake.fields.${name}`)) rows.push({ label: label(name), value: show(entry) });
    }
  };
  walk(answers);
  return rows;
}

/**
 * The anonymiser (pure): finds what identifies a person in a decision's text — names (Kyrgyz "уулу/кызы" forms,
 * Russian full names and initials, titled and known names), e-mail addresses, phone numbers (+996 and local), INNs
 * (14 digits), passport numbers, dates of birth and street addresses — and masks each with a label. Phone numbers
 * are found by libphonenumber and by patterns for the local ways of writing them. Organisations
 * are named in published decisions, so the spans of the names to keep are never masked. It is a first pass: the
 * editor masks the rest by hand, and a second person reads the result before it is published.
 */
import { findPhoneNumbersInText } from 'libphonenumber-js';

export const FINDING_KINDS = ['name', 'email', 'phone', 'inn', 'passport', 'birthDate', 'address', 'extra'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export interface Finding {
  kind: FindingKind;
  start: number;
  end: number;
  text: string;
}

export interface AnonymiseOptions {
  /** Names of the people in the case (masked wherever they occur, in any grammatical case). */
  knownNames?: readonly string[];
  /** The people's e-mail addresses, phone numbers and postal addresses as they gave them. */
  knownDetails?: readonly string[];
  /** Words or phrases the editor asked to mask as well. */
  extraTerms?: readonly string[];
  /** Names that stay (the organisation the case is about). */
  keep?: readonly string[];
}

/** A rule: a pattern, and which capture group is the personal part (0: the whole match). */
interface Rule {
  kind: FindingKind;
  pattern: RegExp;
  group?: number;
}

const NOT_WORD_BEFORE = '(?<![\\p{L}\\p{N}])';
const NOT_WORD_AFTER = '(?![\\p{L}\\p{N}])';
const CAP = "\\p{Lu}[\\p{Ll}'’]+(?:-\\p{Lu}?[\\p{Ll}]+)?";
const SURNAME_END = '(?:ов|ев|ёв|ин|ын|бек|ский|цкий|ская|цкая|енко|ук|юк|ov|ev|in|yn|bek|sky|enko)';
const SURNAME = `\\p{Lu}\\p{Ll}+${SURNAME_END}(?:а|у|ым|ой|е|ых|ой|a|oy)?`;
const PATRONYMIC = '\\p{Lu}\\p{Ll}+(?:ович|евич|ьич|ич|овна|евна|ична|инична)(?:а|у|ем|ом|ы|е|ой)?';
const KG_PATRONYMIC = '(?:[Уу]улу|[Кк]ызы|[Uu]ulu|[Kk]yzy)';
const TITLE =
  '(?:гражданин\\p{L}*|гражданк\\p{L}+|гр\\.|заявител\\p{L}+|жалобщик\\p{L}*|арыз ээси|арызчы|жаран|даттануучу|Mr|Mrs|Ms|Miss|Dr|complainant|applicant|Mx)';
const DATE =
  '(?:\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4}|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}\\s+\\p{L}+\\s+\\d{4}(?:\\s?(?:г\\.|года|ж\\.))?|\\d{4}-?ж\\p{L}*\\.?(?:\\s+\\d{1,2}-?\\p{L}+)?|\\p{Lu}\\p{Ll}+\\s+\\d{1,2},?\\s+\\d{4})';
const STREET_BEFORE = '(?:ул\\.|улица|улиц\\p{L}|пр\\.|пр-т|просп\\.|проспект\\p{L}*|мкр\\.?|микрорайон\\p{L}*|бульвар\\p{L}*|б-р|пер\\.|переул\\p{L}*)';
const STREET_AFTER = '(?:көч\\.|көчөсү\\p{L}*|проспектиси\\p{L}*|бульвары\\p{L}*|кичи району\\p{L}*|ул\\.|[Ss]treet|St\\.|[Aa]venue|Ave\\.|[Rr]oad|Rd\\.)';
const HOUSE = '(?:үй\\s*|д\\.\\s*|дом\\s*|[Nn]o\\.?\\s*|№\\s*)?\\d+\\p{L}?(?:-?үй)?(?:\\s*[,/]\\s*(?:кв\\.|квартира|батир|офис|apt\\.?|[Ff]lat)?\\s*\\d+)?';

const rule = (kind: FindingKind, source: string, group?: number, flags = 'gu'): Rule => ({ kind, pattern: new RegExp(source, `${flags}d`), group });

const RULES: readonly Rule[] = [
  rule('email', `[\\p{L}\\p{N}._%+\\-]+@[\\p{L}\\p{N}\\-]+(?:\\.[\\p{L}\\p{N}\\-]+)+`),
  rule('inn', `${NOT_WORD_BEFORE}\\d{14}${NOT_WORD_AFTER}`),
  rule('passport', `${NOT_WORD_BEFORE}(?:AN|AC|ID|AA|AB|АН|АС)\\s?№?\\s?\\d{7}${NOT_WORD_AFTER}`),
  rule('passport', `(?:паспорт\\p{L}*|[Pp]assport)[^\\n\\d]{0,30}?((?:\\p{Lu}{2}\\s?)?\\d[\\d\\s№]{4,14}\\d)`, 1),
  rule('phone', `\\+\\s?\\d{1,3}[\\s\\-()]*(?:\\d[\\s\\-()]*){6,11}\\d`),
  rule('phone', `${NOT_WORD_BEFORE}\\(?0\\s?\\d{3}\\)?[\\s\\-]?(?:\\d{3}[\\s\\-]?\\d{3}|\\d{2,3}[\\s\\-]?\\d{2}[\\s\\-]?\\d{2})${NOT_WORD_AFTER}`),
  rule('phone', `${NOT_WORD_BEFORE}\\(?[57-9]\\d{2}\\)?[\\s\\-]\\d{2,3}[\\s\\-]?\\d{2}[\\s\\-]?\\d{2}${NOT_WORD_AFTER}`),
  rule(
    'birthDate',
    `(?:[Дд]ата рождения|д\\.\\s?р\\.|[Рр]одил(?:ся|ась)|[Dd]ate of birth|[Bb]orn(?: on)?|DOB|[Тт]уулган(?: күнү| жылы)?)[\\s:,\\-]*(?:в\\s+|on\\s+)?(${DATE})`,
    1,
  ),
  rule('birthDate', `(${DATE})\\s+туулган`, 1),
  rule('birthDate', `${NOT_WORD_BEFORE}(?:\\d{1,2}\\.\\d{1,2}\\.)?\\d{4}\\s?г\\.\\s?р\\.`),
  rule('address', `${STREET_BEFORE}\\s*[\\p{L}\\-. ]{1,30}?,?\\s*${HOUSE}`),
  rule('address', `${CAP}(?:\\s+${CAP})?\\s+${STREET_AFTER}\\s*,?\\s*${HOUSE}`),
  rule('address', `${NOT_WORD_BEFORE}\\d+\\p{L}?,?\\s+${CAP}(?:\\s+${CAP})?\\s+${STREET_AFTER}`),
  rule('name', `(?:${CAP}\\s+){1,3}${KG_PATRONYMIC}${NOT_WORD_AFTER}`),
  rule('name', `(?:${CAP}\\s+){1,2}${PATRONYMIC}(?:\\s+${SURNAME})?${NOT_WORD_AFTER}`),
  rule('name', `${CAP}\\s+\\p{Lu}\\.(?:\\s?\\p{Lu}\\.)?`),
  rule('name', `${NOT_WORD_BEFORE}\\p{Lu}\\.\\s?(?:\\p{Lu}\\.\\s?${CAP}|${SURNAME})`),
  rule('name', `${NOT_WORD_BEFORE}${SURNAME}\\s+${CAP}(?:\\s+${CAP})?${NOT_WORD_AFTER}`),
  rule('name', `${NOT_WORD_BEFORE}${CAP}\\s+${SURNAME}${NOT_WORD_AFTER}`),
  rule('name', `${NOT_WORD_BEFORE}\\p{Lu}\\p{Ll}{2,}(?:ов|ев|ёв)(?:а|у|ым|ой|е|ых|дун|дын|го|га|ду|ды|дон|дан|нын|нун|ага|ага)?${NOT_WORD_AFTER}`),
  rule('name', `${NOT_WORD_BEFORE}${TITLE}\\.?\\s+(${CAP}(?:\\s+${CAP}){0,2})`, 1),
];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A word of a known name, in any case ending: its stem and up to six more letters (Kyrgyz endings are long). */
function knownNameRules(names: readonly string[]): Rule[] {
  const words = new Set(names.flatMap((name) => name.split(/[\s,.]+/u)).filter((word) => word.length >= 3 && !/^(уулу|кызы|uulu|kyzy)$/iu.test(word)));
  return [...words].map((word) => {
    const stem = word.length > 5 ? word.slice(0, -2) : word.length > 3 ? word.slice(0, -1) : word;
    return rule('name', `${NOT_WORD_BEFORE}${escapeRegExp(stem)}\\p{L}{0,6}${NOT_WORD_AFTER}`, undefined, 'giu');
  });
}

function termRules(terms: readonly string[], kindOf: (term: string) => FindingKind): Rule[] {
  return terms
    .map((term) => term.trim())
    .filter((term) => term.length > 0)
    .map((term) => rule(kindOf(term), `${NOT_WORD_BEFORE}${escapeRegExp(term)}${NOT_WORD_AFTER}`, undefined, 'giu'));
}

/** A detail the person gave: an e-mail address, a phone number (mostly digits) or else an address. */
function detailKind(term: string): FindingKind {
  if (term.includes('@')) return 'email';
  return term.replace(/\D/g, '').length >= 6 && /^[\d\s+()-]+$/.test(term) ? 'phone' : 'address';
}

function matches(text: string, item: Rule): Finding[] {
  const found: Finding[] = [];
  for (const match of text.matchAll(item.pattern)) {
    const span = match.indices?.[item.group ?? 0];
    if (span && span[1] > span[0]) found.push({ kind: item.kind, start: span[0], end: span[1], text: text.slice(span[0], span[1]) });
  }
  return found;
}

function keptSpans(text: string, keep: readonly string[]): [number, number][] {
  const lower = text.toLowerCase();
  return keep
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name.length >= 2)
    .flatMap((name) => {
      const spans: [number, number][] = [];
      for (let at = lower.indexOf(name); at !== -1; at = lower.indexOf(name, at + 1)) spans.push([at, at + name.length]);
      return spans;
    });
}

/** Phone numbers libphonenumber recognises (Kyrgyz by default); one it reads an extension into is left to the patterns. */
function phoneNumbers(text: string): Finding[] {
  return findPhoneNumbersInText(text, 'KG')
    .filter((found) => !found.number.ext)
    .map((found) => ({ kind: 'phone' as const, start: found.startsAt, end: found.endsAt, text: text.slice(found.startsAt, found.endsAt) }));
}

/** Every finding, in text order, without overlaps (the earliest, then the longest, wins); kept names excluded. */
export function detect(text: string, options: AnonymiseOptions = {}): Finding[] {
  const rules = [
    ...termRules(options.extraTerms ?? [], () => 'extra'),
    ...termRules(options.knownDetails ?? [], detailKind),
    ...knownNameRules(options.knownNames ?? []),
    ...RULES,
  ];
  const kept = keptSpans(text, options.keep ?? []);
  const all = rules
    .flatMap((item) => matches(text, item))
    .concat(phoneNumbers(text))
    .filter((finding) => !kept.some(([start, end]) => finding.start >= start && finding.end <= end))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const chosen: Finding[] = [];
  for (const finding of all) {
    const last = chosen.at(-1);
    if (last && finding.start < last.end) {
      if (finding.end > last.end) chosen[chosen.length - 1] = { ...last, end: finding.end, text: text.slice(last.start, finding.end) };
      continue;
    }
    chosen.push(finding);
  }
  return chosen;
}

/** The text with each finding replaced by its label in square brackets. */
export function mask(text: string, findings: readonly Finding[], label: (kind: FindingKind) => string): string {
  let result = '';
  let at = 0;
  for (const finding of findings) {
    result += `${text.slice(at, finding.start)}[${label(finding.kind)}]`;
    at = finding.end;
  }
  return result + text.slice(at);
}

export function anonymise(text: string, options: AnonymiseOptions, label: (kind: FindingKind) => string): { text: string; findings: Finding[] } {
  const findings = detect(text, options);
  return { text: mask(text, findings, label), findings };
}

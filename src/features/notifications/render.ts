/** The e-mails' words: which updates exist, and each e-mail rendered in its recipient's language. */
import type { Config, Language } from '../../config.ts';
import { pathTo } from '../../http/paths.ts';
import { formatLongDate } from '../../lib/dates.ts';
import type { Translator } from '../../i18n/i18n.ts';
import { REQUEST_NAMES } from '../letters/request-names.ts';
import type { RequestType } from '../letters/schemas.ts';
import type { OutboxMessage } from './repository.ts';

/** What happened to a citizen's case, one line each in an e-mail to the citizen. */
const CITIZEN_UPDATES = [
  'case-registered',
  'case-accepted',
  'case-inadmissible',
  'case-referred',
  'case-examination',
  'case-information-requested',
  'case-resumed',
  'case-decided',
  'case-closed',
  'case-reopened',
  'case-withdrawn',
  'case-entry-registered',
  'case-entry-ceased',
  'case-registration-refused',
  'case-message',
  'case-updated',
] as const;
/** What a staff member should know about a case, one line each in an e-mail to them. */
const STAFF_UPDATES = [
  'staff-reply',
  'staff-citizen-message',
  'staff-assigned',
  'staff-decision-proposed',
  'staff-decision-returned',
  'staff-decision-approved',
] as const;
export type CaseUpdate = (typeof CITIZEN_UPDATES)[number] | (typeof STAFF_UPDATES)[number];

/** Parameters holding an ISO date, printed as a date in the e-mail's language. */
const DATE_PARAMS = ['answerBy'];

export type RenderConfig = Pick<Config, 'authority' | 'publicUrl'>;

/** A request letter's kind, named in the message's language. */
function requestName(translator: Translator, lang: Language, type: string | undefined): Record<string, string> {
  const key = type && Object.hasOwn(REQUEST_NAMES, type) ? REQUEST_NAMES[type as RequestType] : undefined;
  return key ? { requestName: translator.forLanguage(lang)(key) } : {};
}

/**
 * The number a body's plural form agrees with. Messages queued before the bodies took `count` carry it as
 * `minutes` or `hours` (a retried message may wait hours for the mail server).
 */
function countOf(params: Record<string, string>): Record<string, string> {
  const count = params.count ?? params.minutes ?? params.hours;
  return count === undefined ? {} : { count };
}

function values(config: RenderConfig, lang: Language, params: Record<string, string>, translator?: Translator): Record<string, string> {
  const dated = Object.fromEntries(Object.entries(params).map(([key, value]) => [key, DATE_PARAMS.includes(key) ? formatLongDate(value, lang) : value]));
  const named = translator ? requestName(translator, lang, params.requestType) : {};
  return {
    ...dated,
    ...countOf(params),
    ...named,
    portal: config.publicUrl,
    trackLink: `${config.publicUrl}${pathTo('track.signIn', { lang })}`,
    authority: config.authority.name[lang],
  };
}

export function renderEmail(translator: Translator, config: RenderConfig, template: string, lang: Language, params: Record<string, string>) {
  const t = translator.forLanguage(lang);
  const filled = values(config, lang, params, translator);
  return {
    subject: t(`emails.${template}.subject`, filled),
    text: [
      t(`emails.${template}.body`, filled),
      '',
      '—',
      t(translator.exists(lang, `emails.${template}.footer`) ? `emails.${template}.footer` : 'emails.footer', filled),
    ].join('\n'),
  };
}

export function isCaseUpdate(template: string): template is CaseUpdate {
  return (CITIZEN_UPDATES as readonly string[]).includes(template) || (STAFF_UPDATES as readonly string[]).includes(template);
}

/**
 * The e-mail for a batch of updates about one case to one recipient: a single update keeps its own subject;
 * several are listed, one line per kind (the same kind twice is listed once).
 */
export function renderCaseUpdates(
  translator: Translator,
  config: RenderConfig,
  lang: Language,
  updates: readonly Pick<OutboxMessage, 'template' | 'params'>[],
) {
  const t = translator.forLanguage(lang);
  const [first] = updates;
  if (!first) throw new Error('no updates to render');
  const audience = (STAFF_UPDATES as readonly string[]).includes(first.template) ? 'staff' : 'citizen';
  const reference = first.params.reference ?? '';
  const link = `${config.publicUrl}${audience === 'staff' ? pathTo('staff.cases.show', { reference }) : pathTo('track.signIn', { lang })}`;
  const lines = [...new Set(updates.map((update) => t(`emails.${update.template}.line`, values(config, lang, update.params))))];
  const common = { reference, link, authority: config.authority.name[lang] };
  const subject =
    lines.length === 1 ? t(`emails.${first.template}.subject`, values(config, lang, first.params)) : t(`emails.updates.${audience}.subject`, common);
  const intro = lines.length === 1 ? [lines[0] ?? ''] : [t(`emails.updates.${audience}.intro`, common), '', ...lines.map((line) => `• ${line}`)];
  return {
    subject,
    text: [
      t(`emails.updates.${audience}.greeting`),
      '',
      ...intro,
      '',
      t(`emails.updates.${audience}.signIn`, common),
      '',
      '—',
      t(audience === 'staff' ? 'emails.staffFooter' : 'emails.footer', common),
    ].join('\n'),
  };
}

/**
 * A text message: one short line in the recipient's language, as content-free as the e-mails. Case updates all
 * say the same ("news on your case, sign in at …"), however many are batched.
 */
export function renderSms(translator: Translator, config: RenderConfig, template: string, lang: Language, params: Record<string, string>): string {
  const t = translator.forLanguage(lang);
  const key = isCaseUpdate(template) ? 'sms.case-update' : `sms.${template}`;
  return t(key, values(config, lang, params, translator));
}

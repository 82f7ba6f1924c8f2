/**
 * Demo data for development (never loaded in production): some sixty cases of every type in every state,
 * with timelines and messages, so the back office has something to show. All names and organisations are
 * invented. Every demo case opens with the access code written to VAR_DIR/demo-credentials.txt.
 */
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Knex } from 'knex';
import type { SeedContext } from '../src/db/migrations.ts';
import { generateAccessCode, hashAccessCode, normaliseAccessCode } from '../src/features/cases/access-code.ts';
import { addWorkingDays } from '../src/features/cases/deadlines.ts';
import { caseKeys } from '../src/features/cases/keys.ts';
import { formatReference } from '../src/features/cases/reference.ts';
import { holidaySet, insertCase, insertEvent, insertMessage, insertParty, nextReferenceNumber } from '../src/features/cases/repository.ts';
import type { CaseType } from '../src/features/cases/types.ts';
import { addDays, bishkekToday } from '../src/lib/dates.ts';

export const kind = 'demo';

const STATES = [
  'submitted',
  'triage',
  'accepted',
  'investigation',
  'awaiting_information',
  'decided',
  'closed',
  'inadmissible',
  'referred',
  'withdrawn',
  'reopened',
] as const;

/** How a case reaches each state. */
const PATHS: Record<(typeof STATES)[number], string[]> = {
  submitted: [],
  triage: ['triage'],
  accepted: ['triage', 'accepted'],
  investigation: ['triage', 'accepted', 'investigation'],
  awaiting_information: ['triage', 'accepted', 'investigation', 'awaiting_information'],
  decided: ['triage', 'accepted', 'investigation', 'decided'],
  closed: ['triage', 'accepted', 'investigation', 'decided', 'closed'],
  inadmissible: ['triage', 'inadmissible'],
  referred: ['triage', 'referred'],
  withdrawn: ['triage', 'withdrawn'],
  reopened: ['triage', 'accepted', 'investigation', 'decided', 'closed', 'reopened'],
};

const PEOPLE = [
  'Айгүл Асанова',
  'Нурлан Токтогулов',
  'Гүлнара Жумабаева',
  'Бакыт Осмонов',
  'Динара Сыдыкова',
  'Эрлан Мамытов',
  'Жылдыз Касымова',
  'Тимур Абдыкадыров',
  'Анна Петрова',
  'Сергей Ким',
  'Асель Бекова',
  'Улан Исаков',
];
// The first three are in the demo register (51-demo-register.ts links their cases to it); the rest are not, as
// many organisations a citizen names are not.
const ORGANISATIONS: [string, string][] = [
  ['ОАО «Оптима Банк»', 'banking'],
  ['ОсОО «Тоо Мобайл»', 'telecoms'],
  ['ОсОО «Частная клиника «Дарыгер»', 'health'],
  ['Ала-Тоо Микрокредит', 'banking'],
  ['Интернет-магазин «Базар Онлайн»', 'retail'],
  ['Мектеп-гимназия № 0 (демо)', 'education'],
  ['ОсОО «Курулуш Демо»', 'employment'],
  ['Социалдык тармак «Досторум»', 'online'],
  ['ТСЖ «Демо-Үй»', 'housing'],
];
const STORIES = [
  { lang: 'ru', text: 'Банк передал мои данные коллекторам, хотя я не давала согласия и долг погашен.' },
  { lang: 'ky', text: 'Уюм менин жеке маалыматтарымдын көчүрмөсүн берүүдөн баш тартты, бир жумадан бери жооп жок.' },
  { lang: 'en', text: 'The shop keeps sending advertising SMS after I withdrew my consent in writing.' },
  { lang: 'ru', text: 'Камера соседа снимает вход в мою квартиру и окно детской комнаты.' },
  { lang: 'ky', text: 'Жумуш берүүчү менин медициналык маалыматымды башка кызматкерлерге көрсөттү.' },
  { lang: 'ru', text: 'Оператор связи выдал дубликат SIM-карты постороннему по копии моего паспорта.' },
];

export async function seed(knex: Knex, { config, log }: SeedContext): Promise<void> {
  const already = await knex('cases').whereRaw("answers->>'demo' = 'true'").count<{ count: number }[]>('* as count');
  if ((already[0]?.count ?? 0) > 0) {
    log('demo cases: already present');
    return;
  }
  const keys = caseKeys(config.dataEncryptionKey);
  const code = generateAccessCode();
  const codeHash = hashAccessCode(normaliseAccessCode(code) ?? '', keys.accessCodes);
  const today = bishkekToday();
  const now = Date.now();
  const holidays = await holidaySet(knex, addDays(today, -200), addDays(today, 120));
  const references: string[] = [];
  let n = 0;
  await knex.transaction(async (trx) => {
    for (const type of ['complaint', 'report', 'breach'] as CaseType[]) {
      for (const state of STATES) {
        for (let copy = 0; copy < 2; copy++) {
          n++;
          const [organisation, sector] = ORGANISATIONS[n % ORGANISATIONS.length] ?? ['Demo', 'other'];
          const story = STORIES[n % STORIES.length] ?? { lang: 'ru', text: '' };
          const person = PEOPLE[n % PEOPLE.length] ?? 'Demo';
          const daysAgo = 2 + ((n * 7) % 90);
          const received = addDays(today, -daysAgo);
          const year = Number(today.slice(0, 4));
          const reference = formatReference(year, await nextReferenceNumber(trx, year));
          references.push(reference);
          const anonymous = type === 'report' && copy === 1;
          // The timeline runs from the case's arrival to now, its steps spread evenly in between.
          const receivedAt = new Date(`${received}T0${3 + (n % 6)}:15:00Z`);
          const stepAt = (index: number): Date => new Date(receivedAt.getTime() + ((index + 1) * (now - receivedAt.getTime())) / (PATHS[state].length + 1));
          const caseId = await insertCase(trx, {
            reference,
            type,
            language: story.lang as 'ky' | 'ru' | 'en',
            submission_token: randomUUID(),
            organisation_name: organisation,
            organisation_inn: type === 'breach' ? `0${String(10_000_000_000_000 + n * 7919).slice(1)}` : null,
            sector: type === 'breach' ? null : sector,
            anonymous,
            answers: { demo: true, whatHappened: { description: story.text }, ...(type === 'breach' ? { hoursToNotify: copy === 0 ? 30 : 96 } : {}) },
            access_code_hash: codeHash,
            follow_up_of: null,
            received_at: receivedAt,
            registration_due: addWorkingDays(received, 1, holidays),
            answer_due: addWorkingDays(received, 14, holidays),
          });
          if (!anonymous) {
            await insertParty(trx, {
              case_id: caseId,
              role: type === 'complaint' ? 'complainant' : type === 'report' ? 'reporter' : 'notifier',
              full_name: person,
              email: `demo${n}@example.kg`,
              postal_address: null,
              phone: `+996 555 ${String(100000 + n).slice(0, 6)}`,
              position: type === 'breach' ? 'DPO' : null,
              preferred_language: story.lang as 'ky' | 'ru' | 'en',
              identity_may_be_shared: copy === 0,
            });
          }
          await insertEvent(trx, {
            case_id: caseId,
            kind: 'submitted',
            from_status: null,
            to_status: 'submitted',
            visible_to_citizen: true,
            actor_type: 'citizen',
            actor_id: null,
            data: { files: 0 },
            occurred_at: receivedAt,
          });
          let from = 'submitted';
          for (const [index, to] of PATHS[state].entries()) {
            await insertEvent(trx, {
              case_id: caseId,
              kind: 'status_changed',
              from_status: from,
              to_status: to,
              visible_to_citizen: true,
              actor_type: 'staff',
              actor_id: 'demo',
              data: { step: index },
              occurred_at: stepAt(index),
            });
            if (to === 'awaiting_information') {
              await insertMessage(trx, {
                case_id: caseId,
                direction: 'to_citizen',
                author_staff_id: 'demo',
                body: 'Пожалуйста, пришлите копию вашего обращения в организацию и её ответ.',
                created_at: stepAt(index),
              });
            }
            from = to;
          }
          await trx('cases')
            .where({ id: caseId })
            .update({ status: state, closed_at: ['closed', 'inadmissible', 'referred', 'withdrawn'].includes(state) ? stepAt(PATHS[state].length - 1) : null });
        }
      }
    }
  });
  const file = path.join(config.varDir, 'demo-credentials.txt');
  await writeFile(
    file,
    `Demo cases (development only)\nReferences: ${references[0] ?? ''} … ${references.at(-1) ?? ''}\nAccess code for every demo case: ${code}\n`,
    { mode: 0o600 },
  );
  log(`demo cases: ${references.length} created; their access code is in ${file}`);
}

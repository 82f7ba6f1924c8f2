/** `npm run register:import`: the official register's CSV, checked row by row, all or nothing, idempotent. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { testDatabase } from '../support/database.ts';
import { TEST_ENV } from '../support/env.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const HEADER = [
  'Регистрационный номер',
  'Дата регистрации',
  'ИНН',
  'Наименование (кырг.)',
  'Наименование (рус.)',
  'Наименование (англ.)',
  'Отрасль',
  'Регион',
  'Юридический адрес',
  'Ответственное лицо',
  'Электронная почта',
  'Телефон',
  'Почтовый адрес',
  'Наименование массива',
  'Цели обработки',
  'Способы обработки',
  'Правовое основание',
  'Перечень персональных данных',
  'Категории субъектов',
  'Источники',
  'Порядок уведомления субъектов',
  'Сроки хранения',
  'Получатели',
  'Трансграничная передача',
  'Меры защиты',
];

const quote = (value: string) => (/[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

function row(number: string, inn: string, name: string, array: string, overrides: Record<number, string> = {}): string {
  const fields = [number, '15.03.2023', inn, `«${name}» ЖЧК`, `ОсОО «${name}»`, '', 'Банки', 'г. Бишкек', 'г. Бишкек, ул. Фрунзе, 1', 'Иванов И.', '', '', '']
    .concat([array, 'Цели', 'Автоматизированная', 'Договор', 'ФИО, паспорт', 'Клиенты', 'Клиенты', 'Политика', '5 лет', 'Нет', 'Казахстан; RU', 'Шифрование'])
    .map((value, index) => overrides[index] ?? value);
  return fields.map(quote).join(',');
}

function runImport(csv: string, ...args: string[]): { status: number | null; stdout: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'register-import-'));
  const file = path.join(dir, 'export.csv');
  writeFileSync(file, `\ufeff${[HEADER.join(','), ...csv.split('\n')].join('\r\n')}\r\n`);
  const result = spawnSync(process.execPath, ['src/cli/register-import.ts', file, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, ...TEST_ENV, DATABASE_URL: testDatabase().url },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout.replaceAll(file, 'export.csv') };
}

describe('register import', () => {
  const year = String(2000 + (Date.now() % 20));
  const seq = 90_000 + (Date.now() % 9_000);
  const numbers = [`${year}-${String(seq)}`, `${year}-${String(seq + 1)}`];
  const inns = [`01503${year}${String(seq).slice(-5)}`, `01503${year}${String(seq + 1).slice(-5)}`];
  const good = [
    row(numbers[0]!, inns[0]!, 'Импорт Бир', 'Клиенты'),
    row(numbers[0]!, inns[0]!, 'Импорт Бир', 'Работники', { 15: 'Кадровый учёт,\nна бумаге' }),
    row(numbers[1]!, inns[1]!, 'Импорт Эки', 'Пациенты'),
  ].join('\n');

  it('refuses a file with bad rows, naming each line, and writes nothing', async () => {
    const bad = [
      good,
      row(`${year}-1`, inns[0]!, 'Плохой', 'Клиенты'),
      row(`${year}-${String(seq + 2)}`, '0210', 'Плохой', 'Клиенты'),
      row(`${year}-${String(seq + 3)}`, `01503${year}77777`, 'Плохой', 'Клиенты', { 6: 'Космос', 23: 'Нарния' }),
      row(numbers[1]!, inns[1]!, 'Импорт Эки', 'пациенты'),
    ].join('\n');
    const result = runImport(bad);
    expect(result.status).to.equal(1);
    // The header is line 1; the second good row spans lines 3 and 4 (a quoted line break).
    expect(result.stdout).to.include(`export.csv:6: registration number "${year}-1" is not YYYY-NNNNN`);
    expect(result.stdout).to.include('export.csv:7: INN "0210" is not a valid 14-digit INN');
    expect(result.stdout).to.include('export.csv:8: sector "Космос" is not in the mapping');
    expect(result.stdout).to.include('export.csv:8: not countries: Нарния');
    expect(result.stdout).to.include('export.csv:9: array "пациенты" appears twice');
    expect(result.stdout).to.include('Nothing imported');
    expect(await testDatabase().knex('organisations').whereIn('registration_number', numbers)).to.have.length(0);
  });

  it('imports a good file with progress, and importing it again changes nothing', async () => {
    const first = runImport(good);
    expect(first.status, first.stdout).to.equal(0);
    expect(first.stdout).to.include('2 / 2 organisations (100%)');
    expect(first.stdout).to.include('Added 2, amended 0, left 0 unchanged.');
    const { knex } = testDatabase();
    const entry = await knex('organisations').where({ registration_number: numbers[0] }).first();
    expect(entry).to.deep.include({ inn: inns[0], name_ru: 'ОсОО «Импорт Бир»', sector: 'banking', region: 'bishkek' });
    const arrays = await knex('register_arrays').where({ organisation_id: entry.id }).orderBy('position');
    expect(arrays.map((array: { name: string }) => array.name)).to.deep.equal(['Клиенты', 'Работники']);
    expect(arrays[1].methods).to.equal('Кадровый учёт,\nна бумаге');
    expect(arrays[0].transfer_countries).to.deep.equal(['KZ', 'RU']);

    const again = runImport(good);
    expect(again.stdout).to.include('Added 0, amended 0, left 2 unchanged.');
    const changed = runImport(good.replaceAll('г. Бишкек, ул. Фрунзе, 1', 'г. Бишкек, ул. Токтогула, 2'));
    expect(changed.stdout).to.include('Added 0, amended 2, left 0 unchanged.');
    expect(await knex('register_changes').where({ organisation_id: entry.id }).orderBy('id').pluck('action')).to.deep.equal(['registered', 'amended']);
    expect(await knex('audit_events').where({ action: 'register.registered', entity_id: String(entry.id) })).to.have.length(1);
  });
});

describe('register volume', () => {
  it('seed:volume --organisations adds searchable organisations with their arrays, with progress', async () => {
    const { knex } = testDatabase();
    const before = Number((await knex('organisations').count<{ count: string }[]>('* as count'))[0]?.count);
    const result = spawnSync(process.execPath, ['src/cli/seed-volume.ts', '--organisations', '30'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, ...TEST_ENV, DATABASE_URL: testDatabase().url },
      encoding: 'utf8',
    });
    expect(result.status, result.stdout + result.stderr).to.equal(0);
    expect(result.stdout).to.include('30 / 30 organisations (100%)');
    const after = Number((await knex('organisations').count<{ count: string }[]>('* as count'))[0]?.count);
    expect(after - before).to.be.at.least(29);
    const arrays = await knex('register_arrays')
      .join('organisations', 'organisations.id', 'register_arrays.organisation_id')
      .where('organisations.contact_email', 'like', 'privacy%@example.kg')
      .count<{ count: string }[]>('* as count');
    expect(Number(arrays[0]?.count)).to.be.at.least(29);
  });
});

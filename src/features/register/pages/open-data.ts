/**
 * /{lang}/register/open-data: the data dictionary, and the whole register as CSV and JSON. The files are written
 * a batch of entries at a time, so their size never sits in memory.
 */
import type { Request, Response } from 'express';
import type { Knex } from 'knex';
import { pathTo } from '../../../http/paths.ts';
import { csvHeader, csvLines, jsonEntry } from '../open-data.ts';
import { presentOpenData } from '../presenters/open-data.ts';
import { allEntries } from '../service.ts';

export function openDataPage() {
  return (_req: Request, res: Response): void => {
    const { lang, t } = res.locals;
    res.set('Cache-Control', 'public, max-age=300');
    res.render('register/open-data', presentOpenData(t, lang));
  };
}

function download(res: Response, type: string, filename: string): void {
  res.set('Cache-Control', 'public, max-age=300');
  res.type(type);
  res.attachment(filename);
}

export function registerCsv({ knex }: { knex: Knex }) {
  return async (_req: Request, res: Response): Promise<void> => {
    download(res, 'text/csv; charset=utf-8', 'register.csv');
    res.write(csvHeader());
    for await (const batch of allEntries(knex)) res.write(batch.map(csvLines).join(''));
    res.end();
  };
}

export function registerJson({ knex, publicUrl }: { knex: Knex; publicUrl: string }) {
  return async (_req: Request, res: Response): Promise<void> => {
    const { lang } = res.locals;
    download(res, 'application/json; charset=utf-8', 'register.json');
    const dictionary = new URL(pathTo('register.openData', { lang }), publicUrl).href;
    res.write(`{"dictionary":${JSON.stringify(dictionary)},"organisations":[`);
    let first = true;
    for await (const batch of allEntries(knex)) {
      const objects = batch.map((entry) =>
        JSON.stringify(jsonEntry(entry, new URL(pathTo('register.entry', { lang, number: entry.registrationNumber }), publicUrl).href)),
      );
      res.write((first ? '' : ',') + objects.join(','));
      first = false;
    }
    res.end(']}');
  };
}

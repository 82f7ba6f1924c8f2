/** Walking an intake journey the way a browser does: GET each page, post its form with the token on it. */
import { expect } from 'chai';
import type { Response } from 'supertest';
import { csrfTokenFrom, multipartActionFrom, type Agent } from './browser.ts';

export async function answer(agent: Agent, url: string, fields: Record<string, string | string[]>, expectStatus = 303): Promise<Response> {
  const page = await agent.get(url).expect(200);
  const response = await agent
    .post(url)
    .type('form')
    .send({ ...fields, _csrf: csrfTokenFrom(page.text) });
  // Entries other tests add to the register may look like the name typed: then the organisation picker asks which
  // one is meant, and a test that did not expect it keeps the name as typed.
  if (expectStatus === 303 && response.status === 200 && response.text.includes('name="organisationChoice"')) {
    return keepTypedOrganisation(agent, url, response.text);
  }
  expect(response.status, `${url}: ${response.status}\n${response.text.slice(0, 300)}`).to.equal(expectStatus);
  return response;
}

/** Answers the organisation picker's results step with "use the name I typed". */
async function keepTypedOrganisation(agent: Agent, url: string, html: string): Promise<Response> {
  const response = await agent
    .post(url)
    .type('form')
    .send({ pick: '1', organisationChoice: 'typed', _csrf: csrfTokenFrom(html) });
  expect(response.status, `${url} (results step): ${response.status}\n${response.text.slice(0, 300)}`).to.equal(303);
  return response;
}

/**
 * Posts files with a page's form the way a browser does: to the form's action (its query string holds the
 * CSRF token), with the form's hidden fields and its ticked "remove hidden information" box unless `extra`
 * says otherwise.
 */
export async function upload(
  agent: Agent,
  url: string,
  field: string,
  files: { name: string; bytes: Buffer }[],
  extra: Record<string, string> = {},
): Promise<Response> {
  const page = await agent.get(url).expect(200);
  let request = agent.post(multipartActionFrom(page.text)).field('_csrf', csrfTokenFrom(page.text));
  const ticked = /name="stripMetadata" value="yes" checked/.test(page.text) ? { stripMetadata: 'yes' } : {};
  for (const [name, value] of Object.entries({ ...ticked, ...extra })) if (value !== '') request = request.field(name, value);
  for (const file of files) request = request.attach(field, file.bytes, file.name);
  return request;
}

export function dateFields(name: string, iso: string): Record<string, string> {
  const [year = '', month = '', day = ''] = iso.split('-');
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year };
}

/** The reference and the access code shown on a receipt page. */
export function receiptFrom(html: string): { reference: string; code: string } {
  const reference = /class="reference">(PDP-\d{4}-\d{6})</.exec(html)?.[1];
  const code = /class="access-code"[^>]*>([A-Z0-9][A-Z0-9 -]*[A-Z0-9])</.exec(html)?.[1];
  if (!reference || !code) throw new Error('no receipt on this page');
  return { reference, code };
}

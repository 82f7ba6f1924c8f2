/**
 * Drives forms the way a browser does: keeps cookies, reads the CSRF token from the page it just fetched,
 * and posts it back with the form fields.
 */
import type { Express } from 'express';
import supertest from 'supertest';

export type Agent = ReturnType<typeof supertest.agent>;

export function browser(app: Express): Agent {
  return supertest.agent(app);
}

/** The `_csrf` hidden field of the first form on a page. */
export function csrfTokenFrom(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('No CSRF token on this page');
  return match[1];
}

/** GETs a form page, then POSTs fields plus its CSRF token to `action` (default: the same URL). */
export async function submitForm(agent: Agent, pageUrl: string, fields: Record<string, string | string[]>, action = pageUrl) {
  const page = await agent.get(pageUrl).expect(200);
  return agent
    .post(action)
    .type('form')
    .send({ ...fields, _csrf: csrfTokenFrom(page.text) });
}

/** Every Set-Cookie header of a response, as an array. */
export function setCookies(response: { headers: Record<string, unknown> }): string[] {
  const header = response.headers['set-cookie'];
  return Array.isArray(header) ? (header as string[]) : typeof header === 'string' ? [header] : [];
}

/** Back-office edit forms, driven like a browser: the page's own values sent back, a version submitted and approved. */
import { expect } from 'chai';
import { csrfTokenFrom, type Agent } from './browser.ts';

function decode(value: string): string {
  return value
    .replace(/&#x27;/g, "'")
    .replace(/&#x3D;/g, '=')
    .replace(/&#x60;/g, '`')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The edit page's own values for every field, as a browser would send them back. */
export function formOf(html: string): Record<string, string> {
  const form: Record<string, string> = {};
  for (const [tag, name, value] of html.matchAll(/<input[^>]*? name="([^"]+)"[^>]*? value="([^"]*)"[^>]*>/g)) {
    // A browser sends only the chosen radio button.
    if (tag.includes('type="radio"') && !/\schecked\b/.test(tag)) continue;
    form[name as string] = decode(value as string);
  }
  for (const [, name, value] of html.matchAll(/<textarea[^>]*? name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g)) form[name as string] = decode(value as string);
  return form;
}

/** Saves a draft from the edit page's values changed by `fields`; the response (303, or the status expected). */
export async function saveFromPage(agent: Agent, url: string, fields: Record<string, string>, status = 303) {
  const page = await agent.get(url).expect(200);
  return agent
    .post(url)
    .type('form')
    .send({ ...formOf(page.text), changeKind: 'change', action: 'save', ...fields, _csrf: csrfTokenFrom(page.text) })
    .expect(status);
}

/** The latest draft submitted by its author, refused to the author, approved by the reviewer. */
export async function submitAndApprove(author: Agent, reviewer: Agent, url: string): Promise<void> {
  const draft = await author.get(url).expect(200);
  const number = /\/versions\/(\d+)\/submit/.exec(draft.text)?.[1];
  expect(number, 'a draft to submit').to.be.a('string');
  const versionUrl = `${url}/versions/${number ?? ''}`;
  await author
    .post(`${versionUrl}/submit`)
    .type('form')
    .send({ _csrf: csrfTokenFrom(draft.text) })
    .expect(303);
  await author
    .post(`${versionUrl}/approve`)
    .type('form')
    .send({ _csrf: csrfTokenFrom(draft.text) })
    .expect(403);
  const review = await reviewer.get(url).expect(200);
  await reviewer
    .post(`${versionUrl}/approve`)
    .type('form')
    .send({ _csrf: csrfTokenFrom(review.text) })
    .expect(303);
}

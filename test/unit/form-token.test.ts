import { expect } from 'chai';
import type { NextFunction, Request, Response } from 'express';
import { createFormTokens } from '../../src/http/form-token.ts';

/** Runs a form-token middleware on a minimal request/response pair; returns the token it issued or the error. */
function issue(tokens: ReturnType<typeof createFormTokens>, purpose: string, cookie: string): string {
  const fake: { locals: { issueCsrfToken?: () => string }; cookie: () => unknown } = { locals: {}, cookie: () => fake };
  const res = fake as unknown as Response;
  tokens.issue(purpose)({ cookies: { 'ukuk.form': cookie } } as unknown as Request, res, (() => undefined) as NextFunction);
  return (res.locals as { issueCsrfToken: () => string }).issueCsrfToken();
}

function verify(tokens: ReturnType<typeof createFormTokens>, purpose: string, cookie: string | undefined, token: string): unknown {
  let outcome: unknown = 'not called';
  const res: unknown = {};
  tokens.verify(purpose)(
    { cookies: cookie ? { 'ukuk.form': cookie } : {}, body: { _csrf: token } } as unknown as Request,
    res as Response,
    ((error?: unknown) => (outcome = error)) as NextFunction,
  );
  return outcome;
}

describe('form tokens', () => {
  const cookie = 'AAAAAAAAAAAAAAAAAAAAAA';
  let now = 1_800_000_000_000;
  const tokens = createFormTokens('a-secret-of-thirty-two-characters-at-least', { secureCookies: false }, () => now);

  it('are valid for four hours, for their form and their cookie only', () => {
    const token = issue(tokens, 'quiz', cookie);
    expect(verify(tokens, 'quiz', cookie, token)).to.equal(undefined);
    expect(verify(tokens, 'letter', cookie, token)).to.have.property('status', 403);
    expect(verify(tokens, 'quiz', 'BBBBBBBBBBBBBBBBBBBBBB', token)).to.have.property('status', 403);
    expect(verify(tokens, 'quiz', undefined, token)).to.have.property('status', 403);
    now += 4 * 60 * 60 * 1000 - 1;
    expect(verify(tokens, 'quiz', cookie, token)).to.equal(undefined);
    now += 2;
    expect(verify(tokens, 'quiz', cookie, token)).to.have.property('status', 403);
  });

  it('refuse an expiry pushed into the future or a forged signature', () => {
    const token = issue(tokens, 'quiz', cookie);
    const [expires, signature] = token.split('.');
    expect(verify(tokens, 'quiz', cookie, `${String(Number(expires) + 1)}.${signature ?? ''}`)).to.have.property('status', 403);
    expect(verify(tokens, 'quiz', cookie, `${expires ?? ''}.${'A'.repeat(43)}`)).to.have.property('status', 403);
    expect(verify(tokens, 'quiz', cookie, `${String(now + 100 * 60 * 60 * 1000)}.${signature ?? ''}`)).to.have.property('status', 403);
  });
});

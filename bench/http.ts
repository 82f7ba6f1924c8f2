/** HTTP benchmark plumbing: autocannon runs and a browser-like client for set-up (the servers: portal-server.ts). */
import autocannon from 'autocannon';
import type { Knex } from 'knex';
import { completeSetup, createStaff, staffKeys } from '../src/features/staff/accounts.ts';
import type { StaffRole } from '../src/features/staff/permissions.ts';
import { currentCode } from '../src/features/staff/totp.ts';

export interface Measurement {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  non2xx: number;
  errors: number;
}

/**
 * Five unmeasured seconds first (JIT, caches and connection pools warm), then eight measured (unless told
 * otherwise). With `exact`, each answer of the measured run is timed as it arrives and p95 is exact (for rows
 * whose target is a p95: the timing costs the load generator a little of the machine); otherwise p95 is
 * autocannon's p97.5, an upper bound of it (its percentiles jump from p90 to p97.5).
 */
export async function measure(name: string, options: autocannon.Options, seconds = { warmUp: 5, measured: 8 }, exact = false): Promise<Measurement> {
  await autocannon({ connections: 32, ...options, duration: seconds.warmUp });
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ connections: 32, duration: seconds.measured, ...options }, (error: unknown, done) =>
      error ? reject(error instanceof Error ? error : new Error('autocannon failed')) : resolve(done),
    );
    if (exact) instance.on('response', (_client, _statusCode, _bytes, responseTime) => times.push(responseTime));
  });
  return {
    name,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p95: exact ? percentile(times, 95) : result.latency.p97_5,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/** A minimal browser: keeps cookies, reads CSRF tokens. */
export class Client {
  private cookies = new Map<string, string>();
  private readonly base: string;
  private readonly headers: Record<string, string>;

  constructor(base: string, headers: Record<string, string> = {}) {
    this.base = base;
    this.headers = headers;
  }

  get cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  /** The whole response, body included: like a browser, the next request waits for this one to end. */
  async request(path: string, init: RequestInit = {}): Promise<{ status: number; headers: Headers; text: string }> {
    const response = await fetch(`${this.base}${path}`, {
      ...init,
      redirect: 'manual',
      headers: { ...this.headers, ...(init.headers as Record<string, string> | undefined), cookie: this.cookieHeader, 'accept-language': 'en' },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...rest] = (pair ?? '').split('=');
      if (name) this.cookies.set(name.trim(), rest.join('='));
    }
    return { status: response.status, headers: response.headers, text: await response.text() };
  }

  /** The page's HTML; anything but 200 is an error (the bench must not measure error pages). */
  async get(path: string): Promise<string> {
    const response = await this.request(path);
    if (response.status !== 200)
      throw new Error(`GET ${path} answered ${String(response.status)} ${response.headers.get('location') ?? response.text.slice(0, 200)}`);
    return response.text;
  }

  async postForm(path: string, fields: Record<string, string | string[]>): Promise<{ status: number; headers: Headers; text: string }> {
    const body = new URLSearchParams();
    for (const [key, value] of Object.entries(fields)) for (const item of Array.isArray(value) ? value : [value]) body.append(key, item);
    return this.request(path, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  }
}

/** Where a form with files posts: its action carries the CSRF token (the body is read after the check). */
export function multipartActionFrom(html: string): string {
  const form = /<form\b[^>]*enctype="multipart\/form-data"[^>]*>/.exec(html)?.[0];
  const action = form ? /action="([^"]+)"/.exec(form)?.[1] : undefined;
  if (!action) throw new Error('no form with files on the page');
  return action.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
}

export function csrfFrom(html: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('no CSRF token on the page');
  return token;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/** A signed-in staff member, a supervisor unless told (set-up, login and TOTP enrolment over HTTP); returns the Cookie header. */
export async function staffSession(base: string, knex: Knex, master: Buffer, role: StaffRole = 'supervisor'): Promise<string> {
  const keys = staffKeys(master);
  const created = await createStaff(
    { knex, keys },
    { email: `bench.${String(Date.now())}@agency.example.kg`, display_name: `Bench ${role}`, role, language: 'en' },
    { type: 'system', id: null, requestId: null },
  );
  if ('problem' in created) throw new Error('staff exists');
  const password = 'benchmark passphrase for the queue';
  await completeSetup({ knex, keys }, created.token, password, null);
  const client = new Client(base);
  const login = await client.get('/staff/login?lang=en');
  const row = await knex('staff_users').where({ id: created.id }).first<{ email: string }>();
  await client.postForm('/staff/login', { _csrf: csrfFrom(login), email: row.email, password });
  const enrol = await client.get('/staff/enrol');
  const secret = (/<p class="manual-key"><code>([A-Z2-7 ]+)<\/code>/.exec(enrol)?.[1] ?? '').replace(/ /g, '');
  await client.postForm('/staff/enrol', { _csrf: csrfFrom(enrol), code: currentCode(secret) });
  return client.cookieHeader;
}

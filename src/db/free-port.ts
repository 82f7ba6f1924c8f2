import getPort, { portNumbers } from 'get-port';

/**
 * Another process (a second portal, a parallel test run) can take the port between the check and PostgreSQL's bind,
 * so a failed start is retried on another free port. Keeps the previous port when it is free; never takes 5432.
 */
export async function startOnFreePort(previous: number, start: (port: number) => Promise<void>): Promise<number> {
  const tried: number[] = [5432];
  for (let attempt = 1; ; attempt += 1) {
    const preferred = previous && !tried.includes(previous) ? [previous] : [];
    const port = await getPort({ port: [...preferred, ...portNumbers(54320, 54999)], exclude: tried });
    try {
      await start(port);
      return port;
    } catch (error) {
      if (attempt >= 5) throw error;
      tried.push(port);
    }
  }
}

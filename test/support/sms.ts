/** A real HTTP server standing in for the SMS gateway: it records every request it receives, or answers 503 while down. */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

interface ReceivedSms {
  to: string;
  text: string;
  sender: string;
  id: string;
  headers: IncomingHttpHeaders;
}

export interface SmsSink {
  url: string;
  token: string;
  messages: ReceivedSms[];
  /** Requests refused while down (answered 503). */
  refused: number;
  setDown(down: boolean): void;
  waitFor(match: (sms: ReceivedSms) => boolean, timeoutMs?: number): Promise<ReceivedSms>;
  close(): Promise<void>;
}

export async function startSmsSink(): Promise<SmsSink> {
  let down = false;
  const sink: Omit<SmsSink, 'url' | 'close'> & { url?: string } = {
    token: 'test-sms-token-0123',
    messages: [],
    refused: 0,
    setDown: (value) => {
      down = value;
    },
    async waitFor(match, timeoutMs = 30_000) {
      const started = Date.now();
      for (;;) {
        const found = sink.messages.find(match);
        if (found) return found;
        if (Date.now() - started > timeoutMs) throw new Error('expected text message did not arrive');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (down) {
        sink.refused++;
        res.writeHead(503).end('down');
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Omit<ReceivedSms, 'headers'>;
      sink.messages.push({ ...body, headers: req.headers });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"queued"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    ...(sink as Omit<SmsSink, 'url' | 'close'>),
    get messages() {
      return sink.messages;
    },
    get refused() {
      return sink.refused;
    },
    url: `http://127.0.0.1:${String(port)}/send`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * Sending text messages: a JSON POST {to, text, sender, id} to SMS_URL with a bearer token (README, "Text
 * messages"), or — in development, without SMS_URL — each message written as a text file under VAR_DIR/sms.
 * A non-2xx answer, or none within 10 seconds, is an error: the delivery job retries it.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

interface TextMessage {
  /** E.164, e.g. +996700123456 */
  to: string;
  text: string;
  /** Stable per outbox message, so a gateway can drop a repeat. */
  id: string;
}

export interface SmsSender {
  send(message: TextMessage): Promise<void>;
}

class SmsGatewayError extends Error {
  readonly code: string;
  constructor(status: number) {
    super(`SMS gateway answered ${String(status)}`);
    this.name = 'SmsGatewayError';
    this.code = `sms-${String(status)}`;
  }
}

const TIMEOUT_MS = 10_000;

export function createSmsSender(options: { url: string | undefined; token: string | undefined; sender: string; smsDir: string }): SmsSender {
  const { url, token, sender, smsDir } = options;
  if (url) {
    return {
      async send(message) {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify({ to: message.to, text: message.text, sender, id: message.id }),
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
        // The body is read and dropped, so the connection can be reused.
        await response.arrayBuffer();
        if (!response.ok) throw new SmsGatewayError(response.status);
      },
    };
  }
  return {
    async send(message) {
      await mkdir(smsDir, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${message.id.replace(/[^\w.-]/g, '_')}.txt`;
      await writeFile(path.join(smsDir, name), `To: ${message.to}\nFrom: ${sender}\n\n${message.text}\n`, { mode: 0o600 });
    },
  };
}

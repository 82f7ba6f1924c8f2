/**
 * Sending mail: SMTP (nodemailer) when SMTP_URL is set; otherwise — in development — each message is
 * written as an .eml file under VAR_DIR/mail, where it can be opened with any mail client.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';

interface Mail {
  to: string;
  subject: string;
  text: string;
  /** Stable per outbox message, so a message delivered twice is recognisable as one. */
  messageId: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
  close(): void;
}

export function createMailer(options: { smtpUrl: string | undefined; from: string; mailDir: string }): Mailer {
  if (options.smtpUrl) {
    const transport = nodemailer.createTransport(options.smtpUrl, { from: options.from });
    return {
      async send(mail) {
        await transport.sendMail({ to: mail.to, subject: mail.subject, text: mail.text, messageId: mail.messageId });
      },
      close: () => transport.close(),
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' }, { from: options.from });
  return {
    async send(mail) {
      const info = await transport.sendMail({ to: mail.to, subject: mail.subject, text: mail.text, messageId: mail.messageId });
      await mkdir(options.mailDir, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${mail.messageId.replace(/[^\w.-]/g, '_')}.eml`;
      await writeFile(path.join(options.mailDir, name), info.message as Buffer, { mode: 0o600 });
    },
    close: () => transport.close(),
  };
}

/**
 * Sending mail: SMTP (nodemailer) when SMTP_URL is set; otherwise — in development — each message is
 * written as an .eml file under VAR_DIR/mail, where it can be opened with any mail client.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';

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

/**
 * nodemailer (some 8 MB of memory) is loaded with the first message sent, not at start: a portal that sends no
 * mail, or whose mail is sent by another instance, never holds it.
 */
function lazyTransport(create: (library: typeof nodemailer) => Transporter) {
  let transport: Promise<Transporter> | undefined;
  return {
    get: () => (transport ??= import('nodemailer').then(({ default: library }) => create(library))),
    // A transport that never opened has nothing to close.
    close: () =>
      void transport?.then(
        (opened) => opened.close(),
        () => undefined,
      ),
  };
}

export function createMailer(options: { smtpUrl: string | undefined; from: string; mailDir: string }): Mailer {
  const { smtpUrl } = options;
  if (smtpUrl) {
    const transport = lazyTransport((library) => library.createTransport(smtpUrl, { from: options.from }));
    return {
      async send(mail) {
        await (await transport.get()).sendMail({ to: mail.to, subject: mail.subject, text: mail.text, messageId: mail.messageId });
      },
      close: transport.close,
    };
  }
  const transport = lazyTransport((library) => library.createTransport({ streamTransport: true, buffer: true, newline: 'unix' }, { from: options.from }));
  return {
    async send(mail) {
      const info = await (await transport.get()).sendMail({ to: mail.to, subject: mail.subject, text: mail.text, messageId: mail.messageId });
      await mkdir(options.mailDir, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${mail.messageId.replace(/[^\w.-]/g, '_')}.eml`;
      await writeFile(path.join(options.mailDir, name), info.message as Buffer, { mode: 0o600 });
    },
    close: transport.close,
  };
}

import "server-only";
import nodemailer from "nodemailer";

// Outgoing e-mail over SMTP (nodemailer). Behind a small interface so the senders can be given a
// transport in tests, and so a hung SMTP server cannot hold a send for longer than the timeouts
// below (the weekly e-mail's stale-claim window relies on that: docs/SCORECARD-MAIL.md).

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  attachments?: { filename: string; content: string; contentType: string }[];
}

export interface MailTransport {
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  close(): void;
}

/** Connect, greet and idle limits, ms: together well under the 15 minutes after which a claim counts as abandoned. */
export const SMTP_TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 } as const;

/** smtp://user:pass@host:587 (STARTTLS when offered) or smtps://…:465. */
export function createMailTransport(url: string): MailTransport {
  const t = nodemailer.createTransport({ url, ...SMTP_TIMEOUTS });
  return {
    async send(mail) {
      const info = await t.sendMail(mail);
      return { messageId: String(info.messageId ?? "") };
    },
    close: () => t.close(),
  };
}

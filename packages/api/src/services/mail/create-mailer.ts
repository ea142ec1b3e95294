import nodemailer from "nodemailer";

export interface TMailAttachment {
  filename: string;
  content: Buffer | Uint8Array | string;
  contentType?: string;
}

export interface TOutgoingMail {
  to: string | string[];
  subject: string;
  html: string;
  text: string;
  /** The Message-ID header, angle brackets included. */
  messageId: string;
  attachments?: TMailAttachment[];
  /** Threading and replies (support conversations): optional headers. */
  thread?: TMailThreading;
}

export interface TMailThreading {
  /** The From display name; the address stays MAIL_FROM's (e.g. "Ana from Acme"). */
  fromName?: string;
  replyTo?: string;
  inReplyTo?: string;
  /** Oldest first, angle brackets included. */
  references?: string[];
  /** `Auto-Submitted: auto-replied` (RFC 3834): a machine's answer, which other machines must not answer. */
  autoReplied?: boolean;
}

/** The bare address of a From header (`Name <a@b>` or `a@b`). */
export const fromAddress = (from: string) => /<([^<>]+)>\s*$/.exec(from)?.[1]?.trim() ?? from.trim();

export interface Mailer {
  /** The From header, e.g. `Marquee <tickets@marquee.local>`. */
  readonly from: string;
  /** Resolves once the SMTP server accepted the message. */
  send(mail: TOutgoingMail): Promise<{ accepted: string[]; rejected: string[] }>;
  close(): void;
}

// Bounded timeouts: a send must finish well inside sendMailOnce's lease (10 min by default).
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 60_000 } as const;

/** SMTP over nodemailer (SMTP_URL, MAIL_FROM); one pooled transport per process. */
export function createMailer(options: { smtpUrl: string; from: string }): Mailer {
  const url = new URL(options.smtpUrl);
  const transport = nodemailer.createTransport({
    host: url.hostname.replace(/^\[|\]$/g, ""),
    port: url.port ? Number(url.port) : url.protocol === "smtps:" ? 465 : 25,
    secure: url.protocol === "smtps:",
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    pool: true,
    ...TIMEOUTS,
  });
  const addresses = (list: unknown[]) => list.map((entry) => (typeof entry === "string" ? entry : ((entry as { address?: string }).address ?? "")));
  return {
    from: options.from,
    async send(mail) {
      const thread = mail.thread;
      const info = await transport.sendMail({
        from: thread?.fromName ? { name: thread.fromName, address: fromAddress(options.from) } : options.from,
        ...(thread?.replyTo ? { replyTo: thread.replyTo } : {}),
        ...(thread?.inReplyTo ? { inReplyTo: thread.inReplyTo } : {}),
        ...(thread?.references?.length ? { references: thread.references } : {}),
        ...(thread?.autoReplied ? { headers: { "Auto-Submitted": "auto-replied" } } : {}),
        to: mail.to,
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
        messageId: mail.messageId,
        attachments: mail.attachments?.map((attachment) => ({
          filename: attachment.filename,
          content: typeof attachment.content === "string" ? attachment.content : Buffer.from(attachment.content),
          ...(attachment.contentType ? { contentType: attachment.contentType } : {}),
        })),
      });
      return { accepted: addresses(info.accepted), rejected: addresses(info.rejected) };
    },
    close: () => transport.close(),
  };
}

// Shared by the support mail tests and the inbound benchmark: real RFC 822 messages (nodemailer's
// MailComposer, as a mail client would write them) and conversations to answer.
import { randomUUID } from "node:crypto";
import type { Db } from "@marquee/db";
import MailComposer from "nodemailer/lib/mail-composer/index.js";
import type Mail from "nodemailer/lib/mailer/index.js";
import { hashSupportAccessToken, newSupportAccessToken } from "../support/access-token.ts";
import { createConversation } from "../support/create-conversation.ts";

export const TEST_INBOUND_DOMAIN = "inbound.marquee.local";

/** The raw bytes of an e-mail; `messageId: null` leaves the Message-ID header out. */
export async function rawEmail(options: Omit<Mail.Options, "messageId"> & { messageId?: string | null }): Promise<Buffer> {
  const { messageId, ...mail } = options;
  const built = await new MailComposer({ ...mail, ...(messageId ? { messageId } : {}) }).compile().build();
  return messageId === null ? Buffer.from(built.toString("latin1").replace(/^Message-ID: .*\r\n/im, ""), "latin1") : built;
}

/** A buyer's reply as mail clients write it: the answer on top, the quoted history below. */
export const quotedReply = (answer: string, quoted: string) =>
  `${answer}\n\nOn Mon, 1 Dec 2026 at 10:00, Ana · Acme <tickets@marquee.local> wrote:\n${quoted
    .split("\n")
    .map((line) => `> ${line}`)
    .join("\n")}\n`;

/** An organisation's support address at the test domain (unique per call). */
export async function supportAddress(db: Db, organizationId: string): Promise<string> {
  const localPart = `help-${randomUUID().slice(0, 8)}`;
  await db.supportSettings.upsert({
    where: { organizationId },
    create: { organizationId, inboundLocalPart: localPart },
    update: { inboundLocalPart: localPart },
  });
  return `${localPart}@${TEST_INBOUND_DOMAIN}`;
}

/** A conversation opened on the web by a guest. */
export async function webConversation(db: Db, input: { organizationId: string; requesterEmail: string; locale?: string; subject?: string }) {
  return db.$transaction((tx) =>
    createConversation(
      tx,
      {
        organizationId: input.organizationId,
        orderId: null,
        eventId: null,
        requesterId: null,
        requesterEmail: input.requesterEmail,
        requesterName: "Jo Buyer",
        locale: input.locale ?? "en",
        subject: input.subject ?? "Wrong seat",
        channel: "WEB",
        accessTokenHash: hashSupportAccessToken(newSupportAccessToken()),
        body: "My ticket shows the wrong seat.",
      },
      new Date(),
    ),
  );
}

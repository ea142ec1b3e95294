import { randomUUID } from "node:crypto";
import { Prisma, type Db } from "@marquee/db";
import type { FileStore } from "../files/file-store.ts";
import { writeOutbox } from "../outbox/write-outbox.ts";
import { hashSupportAccessToken, newSupportAccessToken } from "../support/access-token.ts";
import { buyerWrote, CONVERSATION_CLOCK_SELECT, slaTargets } from "../support/conversation-rules.ts";
import { createConversation } from "../support/create-conversation.ts";
import { announceSupportMessage } from "../support/support-events.ts";
import { SUPPORT_SUBJECT_MAX } from "../support/support-schemas.ts";
import { extensionOf, selectAttachments, type TAcceptedAttachment } from "./inbound-attachments.ts";
import { parseInboundEmail, type TInboundMessage } from "./inbound-message.ts";
import { stripQuotedReply } from "./reply-text.ts";
import { routeInboundEmail, type TInboundRoute } from "./route-inbound-email.ts";

export interface TInboundEmailDeps {
  db: Db;
  files: FileStore;
  /** INBOUND_EMAIL_DOMAIN. */
  inboundEmailDomain: string;
}

export interface TInboundEmailResult {
  conversationId: string;
  /** The SupportMessage the e-mail became. */
  messageId: string;
  /** The same Message-ID was accepted before: this answers that delivery's result and changed nothing. */
  duplicate: boolean;
}

/** A message body's cap: e-mails run longer than the web form's 5,000 characters, but not unbounded. */
export const INBOUND_BODY_MAX = 20_000;

/** The buyer's words (quoted history and signature cut), bounded, with a note per skipped attachment. */
export function inboundBody(message: TInboundMessage, skipped: readonly string[], attachmentCount: number): string {
  let body = stripQuotedReply(message.text);
  if (body.length > INBOUND_BODY_MAX) body = `${body.slice(0, INBOUND_BODY_MAX)}\n[message shortened]`;
  if (body.length === 0) body = attachmentCount > 0 ? "[attachments only]" : "[empty message]";
  return skipped.length > 0 ? `${body}\n\n${skipped.join("\n")}` : body;
}

// Numbers such as MQ-7KX2-4PD9 in the subject or text: the order the buyer writes about.
const ORDER_REFERENCE = /\bMQ-[0-9A-Z]{4}-[0-9A-Z]{4}\b/gi;

/** The organisation's order named in the e-mail whose buyer is the sender (never someone else's order). */
async function namedOrder(db: Db, organizationId: string, message: TInboundMessage, sender: string) {
  const references = [...new Set(`${message.subject}\n${message.text}`.match(ORDER_REFERENCE) ?? [])].slice(0, 10).map((ref) => ref.toUpperCase());
  if (references.length === 0) return null;
  return db.order.findFirst({
    where: { organizationId, reference: { in: references }, buyerEmail: { equals: sender, mode: "insensitive" } },
    orderBy: { createdAt: "desc" },
    select: { id: true, eventId: true },
  });
}

class AlreadyReceived extends Error {}

async function storeAttachments(files: FileStore, organizationId: string, accepted: readonly TAcceptedAttachment[]) {
  const stored = [];
  for (const attachment of accepted) {
    const storageKey = `support-attachments/${organizationId}/${randomUUID()}.${extensionOf(attachment.contentType)}`;
    await files.put(storageKey, attachment.bytes, attachment.contentType);
    stored.push({ fileName: attachment.fileName, contentType: attachment.contentType, sizeBytes: attachment.bytes.length, storageKey });
  }
  return stored;
}

async function addToConversation(
  tx: Prisma.TransactionClient,
  route: Extract<TInboundRoute, { kind: "reply" }>,
  body: string,
  emailMessageId: string | null,
  now: Date,
) {
  const { conversationId, organizationId } = route;
  // The row lock orders this message against an agent's reply or a web reply written at the same moment.
  await tx.$queryRaw`SELECT id FROM "SupportConversation" WHERE id = ${conversationId}::uuid FOR UPDATE`;
  const clock = await tx.supportConversation.findUniqueOrThrow({ where: { id: conversationId }, select: CONVERSATION_CLOCK_SELECT });
  const created = await tx.supportMessage.create({
    data: { conversationId, authorKind: "BUYER", body, channel: "EMAIL", emailMessageId, createdAt: now },
    select: { id: true },
  });
  await tx.supportConversation.update({ where: { id: conversationId }, data: buyerWrote(clock, await slaTargets(tx, organizationId), now) });
  await announceSupportMessage(tx, { conversationId, organizationId, messageId: created.id, authorKind: "BUYER", internal: false });
  return { conversationId, messageId: created.id };
}

/**
 * An inbound e-mail (raw RFC 822) becomes a buyer's message: routed (routeInboundEmail), the reply
 * without its quoted history, attachments checked and stored, with the same effects as a web
 * reply, or a new conversation (acknowledged by e-mail unless the mail is automatic). Idempotent
 * by Message-ID per organisation: a second delivery answers the first result and writes nothing.
 */
export async function receiveInboundEmail(
  deps: TInboundEmailDeps,
  raw: Buffer,
  now: Date,
  envelopeRecipients: readonly string[] = [],
): Promise<TInboundEmailResult> {
  const domain = deps.inboundEmailDomain;
  const message = await parseInboundEmail(raw, envelopeRecipients, domain);
  const route = await routeInboundEmail(deps.db, message, domain);
  const key = { organizationId: route.organizationId, messageId: message.messageId };
  const answered = async () => {
    const first = await deps.db.inboundEmail.findUnique({ where: { organizationId_messageId: key } });
    return first?.conversationId && first.supportMessageId
      ? { conversationId: first.conversationId, messageId: first.supportMessageId, duplicate: true }
      : null;
  };
  // The first delivery's answer, and whether another organisation's message already carries this Message-ID
  // (the same e-mail sent to two support addresses: only the first keeps it, the column is unique).
  const [before, taken] = await Promise.all([
    answered(),
    deps.db.supportMessage.findUnique({ where: { emailMessageId: message.messageId }, select: { id: true } }),
  ]);
  if (before) return before;

  const { accepted, skipped } = selectAttachments(message.attachments);
  const body = inboundBody(message, skipped, accepted.length);
  const stored = await storeAttachments(deps.files, route.organizationId, accepted);
  const sender = message.from!;
  const emailMessageId = taken ? null : message.messageId;
  try {
    return await deps.db.$transaction(async (tx) => {
      let result: { conversationId: string; messageId: string };
      if (route.kind === "reply") {
        result = await addToConversation(tx, route, body, emailMessageId, now);
      } else {
        const order = await namedOrder(deps.db, route.organizationId, message, sender.address);
        const user = await tx.user.findUnique({ where: { email: sender.address }, select: { id: true } });
        const created = await createConversation(
          tx,
          {
            organizationId: route.organizationId,
            orderId: order?.id ?? null,
            eventId: order?.eventId ?? null,
            requesterId: user?.id ?? null,
            requesterEmail: sender.address,
            requesterName: sender.name?.slice(0, 120) ?? null,
            locale: message.locale,
            subject: (message.subject || "(no subject)").slice(0, SUPPORT_SUBJECT_MAX),
            channel: "EMAIL",
            // Guests follow the conversation by the acknowledgement's signed link; this token is never shown.
            accessTokenHash: hashSupportAccessToken(newSupportAccessToken()),
            body,
            emailMessageId,
          },
          now,
        );
        // Never answer an auto-reply, a list or bulk mail: that is how mail loops start.
        if (!message.automatic) {
          await writeOutbox(tx, {
            topic: "support.conversation-started",
            aggregateType: "SupportConversation",
            aggregateId: created.id,
            payload: { conversationId: created.id },
          });
        }
        result = { conversationId: created.id, messageId: created.messageId };
      }
      if (stored.length > 0) await tx.supportAttachment.createMany({ data: stored.map((file) => ({ ...file, messageId: result.messageId, createdAt: now })) });
      // The claim: a concurrent delivery of the same e-mail waits here for this transaction and then finds it taken
      // (or trips over the message's unique Message-ID first); either way it rolls back and answers this result.
      const [claimed] = await tx.$queryRaw<{ messageId: string }[]>`
        INSERT INTO "InboundEmail" ("organizationId", "messageId", "conversationId", "supportMessageId", "receivedAt")
        VALUES (${key.organizationId}::uuid, ${key.messageId}, ${result.conversationId}::uuid, ${result.messageId}::uuid, ${now})
        ON CONFLICT DO NOTHING RETURNING "messageId"`;
      if (!claimed) throw new AlreadyReceived();
      return { ...result, duplicate: false };
    });
  } catch (error) {
    // A concurrent delivery of the same e-mail won the claim: answer its result.
    const raced = error instanceof AlreadyReceived || (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002");
    if (raced) {
      const first = await answered();
      if (first) return first;
    }
    throw error;
  }
}

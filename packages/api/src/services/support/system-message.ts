import type { Prisma } from "@marquee/db";
import { announceSupportMessage } from "./support-events.ts";

export interface TSystemMessage {
  conversationId: string;
  organizationId: string;
  /** What happened: "assigned", "status.changed", "merged", "snooze.ended", ... */
  systemEvent: string;
  /** For people: "Ana assigned this to Ben". */
  body: string;
  data: Prisma.InputJsonValue;
  /** The agent who did it (null: the system itself). */
  authorId?: string | null;
}

/**
 * A system event in the thread, inside the caller's transaction. Internal: the buyer never sees
 * them (no buyer channel, no e-mail); the inbox shows them between the messages.
 */
export async function addSystemMessage(tx: Prisma.TransactionClient, event: TSystemMessage, now: Date): Promise<string> {
  const message = await tx.supportMessage.create({
    data: {
      conversationId: event.conversationId,
      authorKind: "SYSTEM",
      authorId: event.authorId ?? null,
      body: event.body,
      systemEvent: event.systemEvent,
      data: event.data,
      internal: true,
      createdAt: now,
    },
    select: { id: true },
  });
  await announceSupportMessage(tx, {
    conversationId: event.conversationId,
    organizationId: event.organizationId,
    messageId: message.id,
    authorKind: "SYSTEM",
    internal: true,
  });
  return message.id;
}

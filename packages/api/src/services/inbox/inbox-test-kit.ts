import { randomUUID } from "node:crypto";
import type { Db } from "@marquee/db";
import { hashSupportAccessToken, newSupportAccessToken } from "../support/access-token.ts";
import { createConversation, type TNewConversation } from "../support/create-conversation.ts";

// Tests' way to open a conversation: through createConversation, like the web site and inbound e-mail.

export async function openConversation(
  db: Db,
  organizationId: string,
  overrides: Partial<TNewConversation> = {},
  now: Date = new Date(),
): Promise<{ id: string; number: number; messageId: string; accessToken: string }> {
  const token = newSupportAccessToken();
  const opened = await db.$transaction((tx) =>
    createConversation(
      tx,
      {
        organizationId,
        orderId: null,
        eventId: null,
        requesterId: null,
        requesterEmail: `buyer-${randomUUID().slice(0, 8)}@example.test`,
        requesterName: "Ada Buyer",
        locale: "en",
        subject: "Where are my tickets?",
        channel: "WEB",
        accessTokenHash: hashSupportAccessToken(token),
        body: "I paid but got no e-mail.",
        ...overrides,
      },
      now,
    ),
  );
  return { ...opened, accessToken: token };
}

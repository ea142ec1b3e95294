import type { TeamRole } from "@marquee/db";
import type { Harness } from "../../testing/harness.ts";
import { hashSupportAccessToken, newSupportAccessToken } from "../support/access-token.ts";
import { createConversation } from "../support/create-conversation.ts";

/** A conversation opened the one way every channel opens one (number, SLA clock, announcements). */
export function openConversation(
  h: Harness,
  input: {
    organizationId: string;
    orderId?: string | null;
    eventId?: string | null;
    email: string;
    name?: string | null;
    locale?: string;
    requesterId?: string | null;
  },
) {
  return h.db.$transaction((tx) =>
    createConversation(
      tx,
      {
        organizationId: input.organizationId,
        orderId: input.orderId ?? null,
        eventId: input.eventId ?? null,
        requesterId: input.requesterId ?? null,
        requesterEmail: input.email,
        requesterName: input.name ?? null,
        locale: input.locale ?? "en",
        subject: "A question",
        channel: "WEB",
        accessTokenHash: hashSupportAccessToken(newSupportAccessToken()),
        body: "Hello, I have a question about my tickets.",
      },
      new Date(),
    ),
  );
}

/** A member of the organisation in the role, with the console's caller. */
export async function consoleMember(h: Harness, organizationId: string, role: TeamRole, name = "Ana Lima") {
  const user = await h.make.member(organizationId, role, { name });
  return { userId: user.id, caller: await h.callerAs(user.id, { app: "admin" }) };
}

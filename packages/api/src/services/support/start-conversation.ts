import type { Db } from "@marquee/db";
import type { Clock } from "../../clock.ts";
import { AppError } from "../../errors.ts";
import { type TResolvedCart, cartMayReadOrder } from "../cart/resolve-cart.ts";
import { checkOrderAccessToken } from "../order-access/order-link.ts";
import { writeOutbox } from "../outbox/write-outbox.ts";
import { hashSupportAccessToken, newSupportAccessToken } from "./access-token.ts";
import { createConversation } from "./create-conversation.ts";
import { type TStartConversationInput, type TStartConversationOutput, ZStartConversationInput } from "./support-schemas.ts";

export interface TSupportRequester {
  /** The signed-in user, if any. */
  userId: string | null;
  /** The cart named by X-Cart-Token, if any (a guest's orders belong to it). */
  cart: TResolvedCart | null;
  /** X-Order-Token: an e-mailed order link's token, so a guest who opened the order by link can ask about it. */
  orderToken?: string | null;
}

/** The organisation and event the conversation belongs to: the order's (when the caller owns it), else the published event's. */
async function resolveTopic(db: Db, requester: TSupportRequester, input: { orderId?: string; eventId?: string }, now: Date) {
  if (input.orderId) {
    const order = await db.order.findUnique({
      where: { id: input.orderId },
      select: { id: true, organizationId: true, eventId: true, cartId: true, userId: true, buyerEmail: true },
    });
    // The account's order with its live session, a guest order with its cart or its e-mailed link; the same answer
    // whether the order exists or belongs to someone else.
    const allowed = order && (cartMayReadOrder(requester.cart, requester.userId, order) || checkOrderAccessToken(requester.orderToken, order, now).ok);
    if (!order || !allowed) throw new AppError("NOT_FOUND", "Order not found.");
    return { organizationId: order.organizationId, orderId: order.id, eventId: order.eventId };
  }
  if (input.eventId) {
    const event = await db.event.findUnique({ where: { id: input.eventId }, select: { id: true, organizationId: true, status: true } });
    if (!event || event.status !== "PUBLISHED") throw new AppError("NOT_FOUND", "Event not found.");
    return { organizationId: event.organizationId, orderId: null, eventId: event.id };
  }
  throw new AppError("VALIDATION_ERROR", "Choose the order or the event your question is about.", { field: "eventId" });
}

/**
 * Opens a conversation with the organiser of the order or event, with the buyer's first message,
 * and answers the guest's access token once (only its hash is kept). The outbox event written in
 * the same transaction has the notification worker acknowledge it by e-mail.
 */
export async function startConversation(
  deps: { db: Db; clock: Clock },
  requester: TSupportRequester,
  rawInput: TStartConversationInput,
): Promise<TStartConversationOutput> {
  const input = ZStartConversationInput.parse(rawInput);
  const now = deps.clock.now();
  const topic = await resolveTopic(deps.db, requester, input, now);
  const accessToken = newSupportAccessToken();
  // The conversation, its first message and the acknowledgement's outbox event commit together.
  const conversation = await deps.db.$transaction(async (tx) => {
    const created = await createConversation(
      tx,
      {
        ...topic,
        requesterId: requester.userId,
        requesterEmail: input.email,
        requesterName: input.name,
        locale: input.locale,
        subject: input.subject,
        channel: "WEB",
        accessTokenHash: hashSupportAccessToken(accessToken),
        body: input.message,
      },
      now,
    );
    await writeOutbox(tx, {
      topic: "support.conversation-started",
      aggregateType: "SupportConversation",
      aggregateId: created.id,
      payload: { conversationId: created.id },
    });
    return created;
  });
  return { conversationId: conversation.id, accessToken };
}

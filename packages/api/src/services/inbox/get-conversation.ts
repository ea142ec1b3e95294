import type { Db, TeamRole } from "@marquee/db";
import { AppError } from "../../errors.ts";
import { roleCan } from "../../permissions.ts";
import { INBOX_ITEM_SELECT, toInboxItem } from "./inbox-item.ts";
import type { TInboxConversation, TInboxMessage } from "./inbox-schemas.ts";

// One conversation for an agent: the whole thread (internal notes and system events too) and the
// buyer panel beside it: their orders with this organisation and their other conversations.

const BUYER_ORDERS_MAX = 20;
const OTHER_CONVERSATIONS_MAX = 20;
/** A conversation's thread is bounded by what people write; this only guards against the absurd. */
const MESSAGES_MAX = 1000;

export interface TAgentCaller {
  organizationId: string;
  role: TeamRole;
}

export async function getConversation(db: Db, caller: TAgentCaller, conversationId: string, now: Date): Promise<TInboxConversation> {
  const row = await db.supportConversation.findFirst({
    where: { id: conversationId, organizationId: caller.organizationId },
    select: {
      ...INBOX_ITEM_SELECT,
      locale: true,
      requesterId: true,
      mergedInto: { select: { id: true, number: true } },
      // The newest MESSAGES_MAX (put back in order below), so lastMessageId is always the newest.
      messages: {
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: MESSAGES_MAX,
        select: {
          id: true,
          authorKind: true,
          body: true,
          internal: true,
          channel: true,
          systemEvent: true,
          data: true,
          emailSentAt: true,
          createdAt: true,
          author: { select: { id: true, name: true, email: true } },
          attachments: { orderBy: { createdAt: "asc" }, select: { id: true, fileName: true, contentType: true, sizeBytes: true } },
        },
      },
    },
  });
  if (!row) throw new AppError("NOT_FOUND", "Conversation not found.");
  const { messages, mergedInto, locale, requesterId, ...item } = row;
  const [orders, others] = await Promise.all([
    buyerOrders(db, caller.organizationId, requesterId, item.requesterEmail),
    db.supportConversation.findMany({
      where: { organizationId: caller.organizationId, requesterEmail: item.requesterEmail, id: { not: item.id }, mergedIntoId: null },
      orderBy: [{ lastMessageAt: "desc" }, { id: "desc" }],
      take: OTHER_CONVERSATIONS_MAX,
      select: { id: true, number: true, subject: true, status: true, lastMessageAt: true },
    }),
  ]);
  const thread: TInboxMessage[] = messages.reverse().map((message) => ({
    ...message,
    data: isRecord(message.data) ? message.data : null,
  }));
  const { preview: _preview, ...listItem } = toInboxItem(item, now, "");
  return {
    ...listItem,
    messages: thread,
    lastMessageId: thread.at(-1)?.id ?? null,
    mergedInto,
    order: item.order,
    event: item.event,
    buyer: {
      name: item.requesterName,
      email: item.requesterEmail,
      hasAccount: requesterId !== null,
      locale,
      orders,
      otherConversations: others,
    },
    can: { refund: roleCan(caller.role, "refund.create"), manageOrder: roleCan(caller.role, "order.manage") },
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** The requester's orders with this organisation (by account or by the address they wrote from), newest first; short codes only. */
async function buyerOrders(db: Db, organizationId: string, requesterId: string | null, email: string) {
  const orders = await db.order.findMany({
    where: {
      organizationId,
      OR: [...(requesterId ? [{ userId: requesterId }] : []), { buyerEmail: { equals: email, mode: "insensitive" as const } }],
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: BUYER_ORDERS_MAX,
    select: {
      id: true,
      reference: true,
      status: true,
      totalMinor: true,
      refundedMinor: true,
      currency: true,
      createdAt: true,
      event: { select: { name: true, startsAt: true } },
      tickets: {
        orderBy: [{ issuedAt: "asc" }, { id: "asc" }],
        take: 100,
        // Never signedCode: an agent must not hold a usable ticket.
        select: {
          id: true,
          shortCode: true,
          status: true,
          ticketType: { select: { name: true } },
          seat: { select: { label: true, row: { select: { label: true } } } },
        },
      },
    },
  });
  return orders.map((order) => ({
    id: order.id,
    reference: order.reference,
    status: order.status,
    eventName: order.event.name,
    eventStartsAt: order.event.startsAt,
    totalMinor: order.totalMinor,
    refundedMinor: order.refundedMinor,
    currency: order.currency,
    createdAt: order.createdAt,
    tickets: order.tickets.map((ticket) => ({
      id: ticket.id,
      shortCode: ticket.shortCode,
      status: ticket.status,
      ticketTypeName: ticket.ticketType.name,
      seatLabel: ticket.seat ? `${ticket.seat.row.label}-${ticket.seat.label}` : null,
    })),
  }));
}

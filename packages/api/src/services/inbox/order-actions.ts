import { formatMoney, type Db, type Prisma } from "@marquee/db";
import type { z } from "zod";
import type { Clock } from "../../clock.ts";
import { AppError } from "../../errors.ts";
import type { QueueClient } from "../../jobs/queue-client.ts";
import { type Capability, requireCapability } from "../../permissions.ts";
import type { SessionUser } from "../../session.ts";
import type { TAuditActor } from "../audit/record-audit.ts";
import { reissueTicket } from "../orders/reissue-ticket.ts";
import { resendConfirmation } from "../orders/resend-confirmation.ts";
import { requestRefundInTransaction } from "../refunds/refund-order.ts";
import { announceSupportMessage } from "../support/support-events.ts";
import { ticketPassChanged } from "../wallet/ticket-pass-changed.ts";
import { firstNameOf, safeLocale } from "./canned-reply-render.ts";
import type { ZOrderActionInput } from "./inbox-schemas.ts";
import type { TOrderActionOutput } from "./inbox-tools-schemas.ts";

// Acting on the buyer's order from a conversation: the console's own services (same audit
// entries, same outbox effects), then a SYSTEM message in the thread the buyer sees too, worded
// for them ("Refund of 1 ticket (€45.00) issued by Ana"), announced like every message.

type TOrderActionInput = z.infer<typeof ZOrderActionInput>;
type Tx = Prisma.TransactionClient;

/** What each action demands on top of support.answer (the console's order procedures demand the same). */
export const ORDER_ACTION_CAPABILITY = {
  "resend-confirmation": "order.manage",
  "reissue-ticket": "order.manage",
  refund: "refund.create",
} as const satisfies Record<TOrderActionInput["action"], Capability>;

export interface TOrderActionDeps {
  db: Db;
  clock: Clock;
  queues: QueueClient;
  ticketKeySecret: () => string;
}

/**
 * The conversation and the order, both of the organisation, the order being the conversation's or
 * one of its buyer's (by account or by e-mail address); anything else is NOT_FOUND, as for ids of
 * another organisation.
 */
async function conversationAndOrder(db: Db, organizationId: string, conversationId: string, orderId: string) {
  const conversation = await db.supportConversation.findFirst({
    where: { id: conversationId, organizationId },
    select: { id: true, number: true, locale: true, orderId: true, requesterId: true, requesterEmail: true },
  });
  if (!conversation) throw new AppError("NOT_FOUND", "Conversation not found.");
  const order = await db.order.findFirst({ where: { id: orderId, organizationId }, select: { id: true, userId: true, buyerEmail: true } });
  const buyers =
    order &&
    (order.id === conversation.orderId ||
      (conversation.requesterId !== null && order.userId === conversation.requesterId) ||
      (conversation.requesterEmail !== "" && order.buyerEmail.trim().toLowerCase() === conversation.requesterEmail.toLowerCase()));
  if (!order || !buyers) throw new AppError("NOT_FOUND", "Order not found.");
  return conversation;
}

/** The thread's SYSTEM message for an action, at most once per `key` (a retried call adds nothing). */
async function addOrderEvent(
  tx: Tx,
  input: {
    organizationId: string;
    conversationId: string;
    agentId: string | null;
    systemEvent: string;
    body: string;
    data: Record<string, Prisma.InputJsonValue>;
    key: string;
    now: Date;
  },
): Promise<string> {
  // Serialises two retries of the same action on the conversation's row.
  await tx.$queryRaw`SELECT id FROM "SupportConversation" WHERE id = ${input.conversationId}::uuid FOR UPDATE`;
  const existing = await tx.supportMessage.findFirst({
    where: { conversationId: input.conversationId, systemEvent: input.systemEvent, data: { path: ["key"], equals: input.key } },
    select: { id: true },
  });
  if (existing) return existing.id;
  const message = await tx.supportMessage.create({
    data: {
      conversationId: input.conversationId,
      authorKind: "SYSTEM",
      authorId: input.agentId,
      body: input.body,
      internal: false,
      systemEvent: input.systemEvent,
      data: { ...input.data, key: input.key },
      createdAt: input.now,
    },
    select: { id: true },
  });
  await tx.supportConversation.update({ where: { id: input.conversationId }, data: { lastMessageAt: input.now } });
  await announceSupportMessage(tx, {
    conversationId: input.conversationId,
    organizationId: input.organizationId,
    messageId: message.id,
    authorKind: "SYSTEM",
    internal: false,
  });
  return message.id;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

export async function runOrderAction(
  deps: TOrderActionDeps,
  input: { organizationId: string; session: SessionUser; actor: TAuditActor; action: TOrderActionInput },
): Promise<TOrderActionOutput> {
  const { organizationId, session, actor, action } = input;
  try {
    requireCapability(session, organizationId, ORDER_ACTION_CAPABILITY[action.action]);
  } catch (error) {
    if (error instanceof AppError && error.code === "FORBIDDEN")
      throw new AppError("FORBIDDEN", "Your role may not do this to an order.", { action: action.action });
    throw error;
  }
  const conversation = await conversationAndOrder(deps.db, organizationId, action.conversationId, action.orderId);
  // A REST token acts for the team, not for the person who created it.
  const by = (session.apiToken ? null : firstNameOf(session.name)) ?? "the support team";
  const agentId = session.apiToken ? null : session.id;
  const event = (tx: Tx, systemEvent: string, body: string, key: string, data: Record<string, Prisma.InputJsonValue>) =>
    addOrderEvent(tx, { organizationId, conversationId: conversation.id, agentId, systemEvent, body, data, key, now: deps.clock.now() });
  const none = { resendId: null, ticket: null, refund: null };

  if (action.action === "resend-confirmation") {
    const resent = await resendConfirmation(deps, { organizationId, orderId: action.orderId, actor });
    const messageId = await deps.db.$transaction((tx) =>
      event(tx, "order.confirmation-resent", `The order confirmation with the tickets was sent again by ${by}.`, resent.resendId, {
        orderId: action.orderId,
        resendId: resent.resendId,
      }),
    );
    return { ...none, action: action.action, messageId, resendId: resent.resendId };
  }

  if (action.action === "reissue-ticket") {
    const old = await deps.db.ticket.findFirst({ where: { id: action.ticketId, orderId: action.orderId }, select: { shortCode: true } });
    if (!old) throw new AppError("NOT_FOUND", "Ticket not found.");
    const reissued = await reissueTicket(
      { db: deps.db, clock: deps.clock, ticketKeySecret: deps.ticketKeySecret() },
      { organizationId, orderId: action.orderId, ticketId: action.ticketId, reason: action.reason ?? `support conversation #${conversation.number}`, actor },
    );
    // The old ticket's wallet passes are void now (after the commit, as the console's reissue does).
    await ticketPassChanged(deps.db, deps.queues, reissued.oldTicketId, deps.clock);
    const body = `Ticket ${old.shortCode} was reissued as ${reissued.shortCode} by ${by}; the old ticket no longer admits.`;
    const messageId = await deps.db.$transaction((tx) =>
      event(tx, "ticket.reissued", body, reissued.ticketId, {
        orderId: action.orderId,
        oldShortCode: old.shortCode,
        shortCode: reissued.shortCode,
        ticketId: reissued.ticketId,
      }),
    );
    return { ...none, action: action.action, messageId, ticket: { id: reissued.ticketId, shortCode: reissued.shortCode } };
  }

  if (action.ticketIds && action.amountMinor !== undefined)
    throw new AppError("VALIDATION_ERROR", "Refund tickets or an amount, not both.", { field: "amountMinor" });
  if (action.ticketIds?.length === 0) throw new AppError("VALIDATION_ERROR", "Pick at least one ticket, or none for the whole order.", { field: "ticketIds" });
  return deps.db.$transaction(async (tx) => {
    const refund = await requestRefundInTransaction(tx, {
      organizationId,
      orderId: action.orderId,
      ticketIds: action.ticketIds,
      amountMinor: action.amountMinor,
      reason: action.reason,
      requestedById: session.id,
    });
    const amount = formatMoney({ amountMinor: refund.amountMinor, currency: refund.currency }, safeLocale(conversation.locale));
    const what = refund.ticketIds.length > 0 ? `Refund of ${plural(refund.ticketIds.length, "ticket")} (${amount})` : `Refund of ${amount}`;
    const messageId = await event(tx, "refund.requested", `${what} issued by ${by}.`, refund.refundId, {
      orderId: refund.orderId,
      refundId: refund.refundId,
      amountMinor: refund.amountMinor,
      currency: refund.currency,
      tickets: refund.ticketIds.length,
      reason: action.reason,
    });
    return { ...none, action: action.action, messageId, refund };
  }) as Promise<TOrderActionOutput>;
}

import type { Db, Prisma } from "@marquee/db";
import { processOnce } from "../outbox/process-once.ts";

type Tx = Prisma.TransactionClient;

/** Where a sale happened when the order does not say (orders have no channel column yet). */
export const DEFAULT_SALES_CHANNEL = "ONLINE";

/** What one message changed: the worker tells that organisation's dashboard. */
export interface TSalesChange {
  organizationId: string;
  eventId: string;
}

interface TMinuteDelta {
  ticketTypeId: string;
  ordersPaid?: number;
  ticketsSold?: number;
  revenueMinor?: number;
  ticketsRefunded?: number;
  refundedMinor?: number;
}

const floorToMinute = (at: Date) => new Date(Math.floor(at.getTime() / 60_000) * 60_000);

/** The order's sales channel when a column names one (box office sales may add it), else ONLINE. */
function channelOf(order: object): string {
  const channel = (order as { channel?: unknown }).channel;
  return typeof channel === "string" && channel.length > 0 ? channel.slice(0, 32) : DEFAULT_SALES_CHANNEL;
}

async function addToMinute(tx: Tx, scope: TSalesChange & { channel: string; minute: Date }, delta: TMinuteDelta): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "SalesMinute" ("eventId", "organizationId", "ticketTypeId", "channel", "minute", "ordersPaid", "ticketsSold", "revenueMinor", "ticketsRefunded", "refundedMinor")
    VALUES (${scope.eventId}::uuid, ${scope.organizationId}::uuid, ${delta.ticketTypeId}::uuid, ${scope.channel}, to_timestamp(${scope.minute.getTime()}::bigint / 1000.0) AT TIME ZONE 'UTC',
            ${delta.ordersPaid ?? 0}, ${delta.ticketsSold ?? 0}, ${delta.revenueMinor ?? 0}, ${delta.ticketsRefunded ?? 0}, ${delta.refundedMinor ?? 0})
    ON CONFLICT ("eventId", "minute", "ticketTypeId", "channel") DO UPDATE SET
      "ordersPaid" = "SalesMinute"."ordersPaid" + EXCLUDED."ordersPaid",
      "ticketsSold" = "SalesMinute"."ticketsSold" + EXCLUDED."ticketsSold",
      "revenueMinor" = "SalesMinute"."revenueMinor" + EXCLUDED."revenueMinor",
      "ticketsRefunded" = "SalesMinute"."ticketsRefunded" + EXCLUDED."ticketsRefunded",
      "refundedMinor" = "SalesMinute"."refundedMinor" + EXCLUDED."refundedMinor"`;
}

/** A paid order into the minute of its paidAt: tickets and revenue per ticket type, the order counted once. */
export async function applyOrderPaid(tx: Tx, orderId: string): Promise<TSalesChange | null> {
  const order = await tx.order.findUnique({ where: { id: orderId }, include: { lines: { orderBy: { id: "asc" } } } });
  if (!order?.paidAt) return null;
  const byType = new Map<string, { ticketsSold: number; revenueMinor: number }>();
  // Lines refunded since are still sales of that minute; the refund is counted in its own.
  for (const line of order.lines.filter((l) => l.status === "ACTIVE" || l.status === "REFUNDED")) {
    const sums = byType.get(line.ticketTypeId) ?? { ticketsSold: 0, revenueMinor: 0 };
    sums.ticketsSold += line.quantity;
    sums.revenueMinor += line.totalMinor;
    byType.set(line.ticketTypeId, sums);
  }
  const scope = { organizationId: order.organizationId, eventId: order.eventId, channel: channelOf(order), minute: floorToMinute(order.paidAt) };
  let first = true;
  for (const [ticketTypeId, sums] of byType) {
    await addToMinute(tx, scope, { ticketTypeId, ordersPaid: first ? 1 : 0, ...sums });
    first = false;
  }
  return { organizationId: order.organizationId, eventId: order.eventId };
}

/**
 * A completed refund into the minute it completed: its tickets per ticket type, its amount shared
 * out by ticket count (the last type takes the rounding); a refund without tickets (goodwill)
 * goes to the order's first ticket type with no tickets.
 */
export async function applyRefundCompleted(tx: Tx, refundId: string): Promise<TSalesChange | null> {
  const refund = await tx.refund.findUnique({ where: { id: refundId }, include: { order: { include: { lines: { orderBy: { id: "asc" }, take: 1 } } } } });
  if (!refund || refund.status !== "SUCCEEDED") return null;
  const { order } = refund;
  const tickets = refund.ticketIds.length ? await tx.ticket.findMany({ where: { id: { in: refund.ticketIds } }, select: { ticketTypeId: true } }) : [];
  const counts = new Map<string, number>();
  for (const ticket of tickets) counts.set(ticket.ticketTypeId, (counts.get(ticket.ticketTypeId) ?? 0) + 1);
  if (counts.size === 0 && order.lines[0]) counts.set(order.lines[0].ticketTypeId, 0);
  const scope = { organizationId: order.organizationId, eventId: order.eventId, channel: channelOf(order), minute: floorToMinute(refund.updatedAt) };
  const entries = [...counts];
  let left = refund.amountMinor;
  for (const [index, [ticketTypeId, ticketsRefunded]] of entries.entries()) {
    const share = index === entries.length - 1 ? left : Math.floor((refund.amountMinor * ticketsRefunded) / Math.max(1, tickets.length));
    left -= share;
    await addToMinute(tx, scope, { ticketTypeId, ticketsRefunded, refundedMinor: share });
  }
  return { organizationId: order.organizationId, eventId: order.eventId };
}

export type TSalesMessage = { topic: "order.paid"; orderId: string } | { topic: "refund.completed"; refundId: string };

/**
 * Applies one outbox message to the sales minutes exactly once (ProcessedMessage under the
 * consumer "analytics.<topic>", in the same transaction): a redelivered message changes nothing
 * and answers null.
 */
export async function recordSalesMessage(db: Db, messageId: string, message: TSalesMessage): Promise<TSalesChange | null> {
  const outcome = await processOnce(db, { consumer: `analytics.${message.topic}`, messageId }, (tx) =>
    message.topic === "order.paid" ? applyOrderPaid(tx, message.orderId) : applyRefundCompleted(tx, message.refundId),
  );
  return outcome.duplicate ? null : outcome.result;
}

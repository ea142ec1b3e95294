import type { Db, Prisma } from "@marquee/db";
import { AppError } from "../../errors.ts";
import { invalidateInventory } from "../booking/convert-hold.ts";
import { writeOutbox } from "../outbox/write-outbox.ts";
import type { TFulfilDeps } from "../fulfilment/fulfil-order.ts";
import { ticketPassChanged } from "../wallet/ticket-pass-changed.ts";
import { refundableMinor, refundKindOf, type TRefundKind } from "./refund-rules.ts";
import { announceTicketChanges } from "../checkin/scans/checkin-announcements.ts";

type Tx = Prisma.TransactionClient;

export interface TRefundInput {
  orderId: string;
  /** The tickets to refund; all of the order's valid tickets when absent (and no amount is given). */
  ticketIds?: string[];
  /** A goodwill refund: this amount back, no tickets revoked (never together with `ticketIds`). */
  amountMinor?: number;
  reason: string;
  requestedById?: string | null;
}

export interface TRefundResult {
  refundId: string;
  amountMinor: number;
  status: "SUCCEEDED";
  orderStatus: "PARTIALLY_REFUNDED" | "REFUNDED";
}

/** Stripe's Idempotency-Key of one refund: retries and crashes give one Stripe refund. */
export const refundKey = (refundId: string) => `marquee-refund-${refundId}`;

/**
 * What refunding these tickets gives back, per line: each ticket its share of the line total
 * (floor), the line's last ticket the rounding remainder, so a fully refunded line returns exactly
 * what was paid for it.
 */
export function refundAmounts(
  lines: { id: string; quantity: number; totalMinor: number }[],
  tickets: { orderLineId: string; status: string; revokeReason?: string | null }[],
  refunding: Set<string>,
  ticketLine: Map<string, string>,
) {
  const perLine = new Map<string, number>();
  for (const line of lines) {
    const lineTickets = tickets.filter((t) => t.orderLineId === line.id);
    // Refunded before; a TRANSFERRED or reissued ticket was replaced by another on the same line and was never refunded.
    const before = lineTickets.filter((t) => t.status === "REVOKED" && !t.revokeReason?.startsWith("reissued")).length;
    const now = [...refunding].filter((id) => ticketLine.get(id) === line.id).length;
    if (now === 0) continue;
    const share = Math.floor(line.totalMinor / line.quantity);
    perLine.set(line.id, before + now === line.quantity ? line.totalMinor - share * before : share * now);
  }
  return perLine;
}

const exceeds = (amountMinor: number, refundableMinor: number) =>
  new AppError("REFUND_EXCEEDS_REFUNDABLE", "That is more than this order has left to refund.", { amountMinor, refundableMinor });

/** The tickets a ticket refund revokes and what they give back (capped by what is left after goodwill refunds). */
function ticketRefund(order: TLockedOrder, ticketIds: string[] | undefined, leftMinor: number) {
  const pendingTickets = new Set(order.refunds.flatMap((refund) => refund.ticketIds));
  const valid = order.tickets.filter((t) => t.status === "VALID" && !pendingTickets.has(t.id));
  const chosen = ticketIds ? [...new Set(ticketIds)] : valid.map((t) => t.id);
  if (chosen.length === 0) throw new AppError("CONFLICT", "No valid tickets left to refund.");
  const invalid = chosen.filter((id) => !valid.some((t) => t.id === id));
  if (invalid.length > 0) throw new AppError("CONFLICT", "These tickets are not valid tickets of this order.", { ticketIds: invalid });
  const ticketLine = new Map(order.tickets.map((t) => [t.id, t.orderLineId]));
  const perLine = refundAmounts(order.lines, order.tickets, new Set(chosen), ticketLine);
  const ticketsMinor = [...perLine.values()].reduce((sum, n) => sum + n, 0);
  // Goodwill money already given back comes off the tickets' price: the order never returns more than was paid.
  if (leftMinor <= 0 && ticketsMinor > 0) throw exceeds(ticketsMinor, leftMinor);
  return { ticketIds: chosen, amountMinor: Math.min(ticketsMinor, leftMinor) };
}

async function lockOrder(tx: Tx, input: TRefundInput & { organizationId?: string }) {
  const [locked] = await tx.$queryRaw<
    { id: string; organizationId: string }[]
  >`SELECT id, "organizationId" FROM "Order" WHERE id = ${input.orderId}::uuid FOR UPDATE`;
  // Another organisation's order answers like a missing one.
  if (!locked || (input.organizationId && locked.organizationId !== input.organizationId)) throw new AppError("NOT_FOUND", "Order not found.");
  return tx.order.findUniqueOrThrow({
    where: { id: input.orderId },
    include: { lines: true, tickets: true, payments: { where: { status: "CAPTURED" }, take: 1 }, refunds: { where: { status: "PENDING" } } },
  });
}
type TLockedOrder = Awaited<ReturnType<typeof lockOrder>>;

/**
 * Phase 1, inside the caller's transaction, under the order's row lock: a PENDING Refund naming the
 * tickets, or (goodwill) an amount and no tickets. The lock makes the refundable check and the
 * insert one step, so concurrent refunds never add up to more than was paid.
 */
async function reserveRefund(tx: Tx, input: TRefundInput & { organizationId?: string }) {
  if (input.amountMinor !== undefined && input.ticketIds) throw new AppError("VALIDATION_ERROR", "Refund tickets or an amount, not both.");
  if (input.amountMinor !== undefined && !(Number.isInteger(input.amountMinor) && input.amountMinor > 0))
    throw new AppError("VALIDATION_ERROR", "A refund amount is a positive number of minor units.", { amountMinor: input.amountMinor });
  const order = await lockOrder(tx, input);
  if (order.status !== "PAID" && order.status !== "PARTIALLY_REFUNDED") throw new AppError("CONFLICT", "Only paid orders can be refunded.");
  const payment = order.payments[0];
  if (!payment) throw new AppError("CONFLICT", "This order has no captured payment.");
  const leftMinor = refundableMinor(order, order.payments, order.refunds);
  if (input.amountMinor !== undefined && input.amountMinor > leftMinor) throw exceeds(input.amountMinor, leftMinor);
  const chosen = input.amountMinor !== undefined ? { ticketIds: [], amountMinor: input.amountMinor } : ticketRefund(order, input.ticketIds, leftMinor);
  return tx.refund.create({
    data: {
      orderId: order.id,
      paymentId: payment.id,
      amountMinor: chosen.amountMinor,
      currency: order.currency,
      reason: input.reason,
      ticketIds: chosen.ticketIds,
      requestedById: input.requestedById ?? null,
    },
  });
}

/**
 * Refunds tickets of a paid order, full or partial, or (goodwill) an amount without tickets, exactly once:
 *   1. a PENDING Refund row under the order's lock (tickets in a pending refund cannot be picked twice;
 *      no refund takes more than is left to refund);
 *   2. the Stripe refund with an Idempotency-Key from the refund id;
 *   3. one transaction: the refund SUCCEEDED, its tickets REVOKED (they go on the revocation list),
 *      fully refunded lines REFUNDED, soldCount down, the order's refundedMinor and status;
 *   4. the stock back in Redis (rebuilt from PostgreSQL), a credit note, the e-mail (once).
 * A crash after step 1 is finished by `completeRefund(refundId)` (the reconciler, or a retry).
 */
export async function refundOrder(deps: TFulfilDeps, input: TRefundInput): Promise<TRefundResult> {
  if (!input.reason.trim()) throw new AppError("VALIDATION_ERROR", "Give a reason for the refund.");
  const refund = await deps.db.$transaction((tx: Tx) => reserveRefund(tx, input));
  return completeRefund(deps, refund.id);
}

export interface TRequestedRefund {
  refundId: string;
  orderId: string;
  amountMinor: number;
  currency: string;
  ticketIds: string[];
  kind: TRefundKind;
  status: "PENDING";
}

/**
 * An organiser's or agent's refund, asynchronously and crash-safe: one transaction reserves the
 * PENDING Refund, writes `refund.requested` to the outbox and the audit log; the payment worker
 * then runs `completeRefund` (Stripe refund, tickets revoked, stock back, credit note and e-mail
 * through the invoice and notification workers). The answer comes before the money moves; the
 * refund's status shows when it has.
 */
export async function requestRefund(db: Db, input: TRefundInput & { organizationId: string; requestedById: string }): Promise<TRequestedRefund> {
  if (!input.reason.trim()) throw new AppError("VALIDATION_ERROR", "Give a reason for the refund.");
  return db.$transaction((tx: Tx) => requestRefundInTransaction(tx, input));
}

/** `requestRefund` inside the caller's transaction (an approved buyer's refund request records its refund in the same one). */
/** `requestedById` null: the system asked (an event's cancellation). */
export async function requestRefundInTransaction(
  tx: Tx,
  input: TRefundInput & { organizationId: string; requestedById: string | null },
): Promise<TRequestedRefund> {
  if (!input.reason.trim()) throw new AppError("VALIDATION_ERROR", "Give a reason for the refund.");
  const refund = await reserveRefund(tx, input);
  await writeOutbox(tx, {
    topic: "refund.requested",
    aggregateType: "refund",
    aggregateId: refund.id,
    payload: { refundId: refund.id, orderId: refund.orderId },
  });
  await tx.auditLog.create({
    data: {
      organizationId: input.organizationId,
      actorId: input.requestedById,
      actorKind: input.requestedById ? "user" : "system",
      action: "refund.create",
      targetType: "order",
      targetId: refund.orderId,
      data: { refundId: refund.id, kind: refundKindOf(refund), amountMinor: refund.amountMinor, ticketIds: refund.ticketIds, reason: input.reason },
    },
  });
  return {
    refundId: refund.id,
    orderId: refund.orderId,
    amountMinor: refund.amountMinor,
    currency: refund.currency,
    ticketIds: refund.ticketIds,
    kind: refundKindOf(refund),
    status: "PENDING" as const,
  };
}

/** An order's refunds, newest first, for the organiser's order page. */
export async function listOrderRefunds(db: Db, input: { organizationId: string; orderId: string }) {
  const order = await db.order.findFirst({ where: { id: input.orderId, organizationId: input.organizationId }, select: { id: true } });
  if (!order) throw new AppError("NOT_FOUND", "Order not found.");
  const refunds = await db.refund.findMany({ where: { orderId: order.id }, orderBy: { createdAt: "desc" } });
  return refunds.map((r) => ({
    id: r.id,
    amountMinor: r.amountMinor,
    currency: r.currency,
    status: r.status,
    reason: r.reason,
    ticketIds: r.ticketIds,
    kind: refundKindOf(r),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  }));
}

/** Steps 2-4 for a PENDING (or already SUCCEEDED) refund; idempotent. */
export async function completeRefund(deps: TFulfilDeps, refundId: string): Promise<TRefundResult> {
  const refund = await deps.db.refund.findUniqueOrThrow({ where: { id: refundId }, include: { payment: true } });
  if (refund.status === "PENDING") {
    // A box-office payment (cash, card terminal) is paid back where it was taken: recorded as paid out, no Stripe call.
    const stripeRefundId =
      refund.payment.provider === "stripe"
        ? (
            await deps.stripe.refunds.create(
              { payment_intent: refund.payment.providerPaymentId!, amount: refund.amountMinor, metadata: { refundId, orderId: refund.orderId } },
              { idempotencyKey: refundKey(refundId) },
            )
          ).id
        : null;
    await deps.db.$transaction(async (tx: Tx) => {
      const moved = await tx.refund.updateMany({
        where: { id: refundId, status: "PENDING" },
        data: { status: "SUCCEEDED", providerRefundId: stripeRefundId },
      });
      if (moved.count === 0) return;
      const tickets = await tx.ticket.findMany({ where: { id: { in: refund.ticketIds } } });
      const revoked = await tx.ticket.updateManyAndReturn({
        where: { id: { in: refund.ticketIds }, status: "VALID" },
        data: { status: "REVOKED", revokedAt: deps.clock.now(), revokeReason: `refunded: ${refund.reason ?? ""}`.slice(0, 500) },
        select: { id: true, eventId: true },
      });
      // Door scanners refuse the refunded tickets within seconds (the event's check-in channel).
      await announceTicketChanges(
        tx,
        revoked.map((ticket) => ({ ...ticket, status: "REVOKED" as const })),
      );
      for (const ticket of tickets) await tx.ticketType.update({ where: { id: ticket.ticketTypeId }, data: { soldCount: { decrement: 1 } } });
      const lineIds = [...new Set(tickets.map((t) => t.orderLineId))];
      for (const lineId of lineIds) {
        if ((await tx.ticket.count({ where: { orderLineId: lineId, status: "VALID" } })) === 0)
          await tx.orderLine.update({ where: { id: lineId }, data: { status: "REFUNDED" } });
      }
      const order = await tx.order.update({ where: { id: refund.orderId }, data: { refundedMinor: { increment: refund.amountMinor } } });
      // REFUNDED means nothing is left, money nor tickets: a goodwill refund of the whole amount leaves valid tickets, so PARTIALLY_REFUNDED.
      const validLeft = await tx.ticket.count({ where: { orderId: order.id, status: "VALID" } });
      await tx.order.update({
        where: { id: order.id },
        data: { status: order.refundedMinor >= order.totalMinor && validLeft === 0 ? "REFUNDED" : "PARTIALLY_REFUNDED" },
      });
      await writeOutbox(tx, { topic: "refund.completed", aggregateType: "refund", aggregateId: refundId, payload: { refundId, orderId: refund.orderId } });
    });
  }
  const order = await deps.db.order.findUniqueOrThrow({ where: { id: refund.orderId } });
  // A goodwill refund leaves tickets and stock as they were.
  if (refundKindOf(refund) === "tickets") await invalidateInventory(deps, order.eventId);
  if (deps.queues) await ticketPassChanged(deps.db, deps.queues, refund.ticketIds, deps.clock);
  await deps.documents.issueCreditNote(refundId);
  await deps.documents.sendOrderEmail({ kind: "refund", orderId: order.id, refundId });
  return { refundId, amountMinor: refund.amountMinor, status: "SUCCEEDED", orderStatus: order.status === "REFUNDED" ? "REFUNDED" : "PARTIALLY_REFUNDED" };
}

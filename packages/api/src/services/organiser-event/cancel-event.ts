import type { Db, Prisma } from "@marquee/db";
import { AppError } from "../../errors.ts";
import { type TAuditActor, recordAudit } from "../audit/record-audit.ts";
import { writeOutbox } from "../outbox/write-outbox.ts";
import { requestRefundInTransaction } from "../refunds/refund-order.ts";
import { lockOrganizationEvent } from "./event-access.ts";
import { organizerEvent } from "./event-output.ts";
import type { TOrganizerEvent } from "./event-schemas.ts";

type Tx = Prisma.TransactionClient;

/** Orders a cancellation refunds: paid, fully or partly. */
const REFUNDABLE = ["PAID", "PARTIALLY_REFUNDED"] as const;
/** How many orders one transaction of the cancellation job handles. */
const BATCH = 25;

export interface TCancellationProgress {
  orders: number;
  refunded: number;
  pending: number;
  waiting: number;
  /** Box-office orders among them: refunds recorded without Stripe, paid back in person. */
  paidAtDoor: number;
}

/**
 * Cancels an event: one transaction sets it CANCELLED (the shop stops selling at once: holds need
 * a PUBLISHED event), writes the outbox event `event.cancelled` and the audit entry. The payment
 * worker's job then refunds every paid order (`refundCancelledEvent`). Cancelling again changes
 * nothing and answers the progress.
 */
export async function cancelEvent(
  db: Db,
  scope: { organizationId: string; actor: TAuditActor },
  input: { eventId: string; reason: string },
): Promise<TOrganizerEvent & { progress: TCancellationProgress }> {
  const event = await db.$transaction(async (tx: Tx) => {
    const before = await lockOrganizationEvent(tx, scope.organizationId, input.eventId);
    if (before.status === "CANCELLED") return before;
    const updated = await tx.event.update({
      where: { id: before.id },
      data: { status: "CANCELLED", cancelledAt: new Date(), cancellationReason: input.reason },
    });
    await writeOutbox(tx, { topic: "event.cancelled", aggregateType: "event", aggregateId: before.id, payload: { eventId: before.id } });
    const paidOrders = await tx.order.count({ where: { eventId: before.id, status: { in: [...REFUNDABLE] } } });
    await recordAudit(tx, {
      organizationId: scope.organizationId,
      actor: scope.actor,
      action: "event.cancel",
      targetType: "event",
      targetId: before.id,
      data: { before: before.status, reason: input.reason, paidOrders },
    });
    return updated;
  });
  return { ...organizerEvent(event), progress: await cancellationProgress(db, event.id) };
}

/** Where the refunds of a cancelled event stand (the console polls it). */
export async function cancellationProgress(db: Db, eventId: string): Promise<TCancellationProgress> {
  const [refunded, refundable, pending, paidAtDoor] = await Promise.all([
    db.order.count({ where: { eventId, status: "REFUNDED" } }),
    db.order.count({ where: { eventId, status: { in: [...REFUNDABLE] } } }),
    db.order.count({ where: { eventId, status: { in: [...REFUNDABLE] }, refunds: { some: { status: "PENDING" } } } }),
    db.order.count({ where: { eventId, channel: "BOX_OFFICE", status: { in: ["REFUNDED", ...REFUNDABLE] } } }),
  ]);
  return { orders: refunded + refundable, refunded, pending, waiting: refundable - pending, paidAtDoor };
}

/**
 * One paid order of a cancelled event, inside the caller's transaction: a refund of all its valid
 * tickets through the refund saga (`requestRefundInTransaction`: outbox `refund.requested`, audit
 * entry) and the outbox event `event.cancelled-notice` (the buyer's e-mail, once per order).
 * Answers false when there is nothing left to refund (every ticket refunded or in a pending refund).
 */
export async function refundForCancelledEvent(tx: Tx, order: { orderId: string; organizationId: string }): Promise<boolean> {
  try {
    await requestRefundInTransaction(tx, { orderId: order.orderId, organizationId: order.organizationId, requestedById: null, reason: "Event cancelled" });
  } catch (error) {
    if (error instanceof AppError && error.code === "CONFLICT") return false;
    throw error;
  }
  await writeOutbox(tx, { topic: "event.cancelled-notice", aggregateType: "order", aggregateId: order.orderId, payload: { orderId: order.orderId } });
  return true;
}

/**
 * The cancellation job (payment worker, `event.cancelled`): each paid order gets, in one
 * transaction, a refund of all its valid tickets through the refund saga
 * (`requestRefundInTransaction`: outbox `refund.requested`, audit entry) and the outbox event
 * `event.cancelled-notice` (the buyer's e-mail, sent once per order: `refundForCancelledEvent`).
 * At-least-once safe: an order whose tickets are all refunded or in a pending refund is skipped, so a rerun after a crash
 * refunds nothing twice. Answers how many refunds this run requested.
 */
export async function refundCancelledEvent(db: Db, eventId: string): Promise<{ requested: number; skipped: number }> {
  const event = await db.event.findUnique({ where: { id: eventId }, select: { organizationId: true, status: true } });
  if (!event || event.status !== "CANCELLED") return { requested: 0, skipped: 0 };
  let cursor: string | undefined;
  let requested = 0;
  let skipped = 0;
  for (;;) {
    const orders = await db.order.findMany({
      where: { eventId, status: { in: [...REFUNDABLE] }, ...(cursor ? { id: { gt: cursor } } : {}) },
      orderBy: { id: "asc" },
      take: BATCH,
      select: { id: true },
    });
    if (orders.length === 0) break;
    cursor = orders[orders.length - 1]!.id;
    for (const order of orders) {
      const done = await db.$transaction((tx: Tx) => refundForCancelledEvent(tx, { orderId: order.id, organizationId: event.organizationId }));
      if (done) requested += 1;
      else skipped += 1;
    }
  }
  return { requested, skipped };
}

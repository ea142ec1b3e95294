import { randomUUID } from "node:crypto";
import type { Db, Prisma } from "@marquee/db";
import { AppError } from "../../errors.ts";
import { recordAudit, type TAuditActor } from "../audit/record-audit.ts";
import { writeOutbox } from "../outbox/write-outbox.ts";

/** A second click (or a retried request) within this window answers the resend already queued. */
const RESEND_WINDOW_MS = 60_000;

/**
 * Queues the order's confirmation again (tickets and invoice attached) through the outbox: the
 * notification worker sends it once per resend. Only for orders with tickets (paid or partly
 * refunded). Idempotent on retry: within a minute the same resend is answered, no second e-mail.
 */
export async function resendConfirmation(
  deps: { db: Db; clock: { now(): Date } },
  input: { organizationId: string; orderId: string; actor: TAuditActor },
): Promise<{ orderId: string; resendId: string; status: "QUEUED" }> {
  return deps.db.$transaction(async (tx: Prisma.TransactionClient) => {
    const [order] = await tx.$queryRaw<
      { id: string; organizationId: string; status: string; buyerEmail: string }[]
    >`SELECT id, "organizationId", status::text, "buyerEmail" FROM "Order" WHERE id = ${input.orderId}::uuid FOR UPDATE`;
    if (!order || order.organizationId !== input.organizationId) throw new AppError("NOT_FOUND", "Order not found.");
    if (order.status !== "PAID" && order.status !== "PARTIALLY_REFUNDED")
      throw new AppError("CONFLICT", "Only a paid order with valid tickets has a confirmation to resend.", { reason: "ORDER_NOT_PAID", status: order.status });
    // A box-office sale where the buyer gave no address.
    if (!order.buyerEmail) throw new AppError("CONFLICT", "This order has no e-mail address to send to.", { reason: "NO_BUYER_EMAIL" });
    const recent = await tx.auditLog.findFirst({
      where: {
        organizationId: input.organizationId,
        action: "order.resend-confirmation",
        targetType: "order",
        targetId: order.id,
        createdAt: { gte: new Date(deps.clock.now().getTime() - RESEND_WINDOW_MS) },
      },
      orderBy: { id: "desc" },
    });
    const recentId = (recent?.data as { resendId?: string } | null)?.resendId;
    if (recentId) return { orderId: order.id, resendId: recentId, status: "QUEUED" as const };
    const resendId = randomUUID();
    await writeOutbox(tx, { topic: "order.confirmation-resend", aggregateType: "order", aggregateId: order.id, payload: { orderId: order.id, resendId } });
    await recordAudit(tx, {
      organizationId: input.organizationId,
      actor: input.actor,
      action: "order.resend-confirmation",
      targetType: "order",
      targetId: order.id,
      data: { resendId },
    });
    return { orderId: order.id, resendId, status: "QUEUED" as const };
  });
}

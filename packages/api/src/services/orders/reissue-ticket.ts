import type { Db, Prisma } from "@marquee/db";
import type { Clock } from "../../clock.ts";
import { AppError } from "../../errors.ts";
import { recordAudit, type TAuditActor } from "../audit/record-audit.ts";
import { issueReplacementTicket } from "../tickets/issue-replacement-ticket.ts";
import { pendingRefundTicketIds } from "../ticket-self-service/buyer-ticket.ts";
import { announceTicketChanges } from "../checkin/scans/checkin-announcements.ts";

/** The revoke reason of a reissued ticket; refunds tell it apart from a refunded one (refund-order.ts). */
export const REISSUED_REASON_PREFIX = "reissued";

export interface TReissueDeps {
  db: Db;
  clock: Clock;
  ticketKeySecret: string;
}

/**
 * A new code for a ticket (a leaked or lost QR): in one transaction under the order's lock, a new
 * ticket for the same admission (same line, type, seat, holder) and the old one REVOKED (on the
 * revocation list, so the door refuses it), audited as `ticket.reissue`. Idempotent: a retry for
 * a ticket already reissued answers the same new ticket. A refunded, transferred or checked-in
 * ticket, or one in a pending refund, is refused (TICKET_NOT_CHANGEABLE) and nothing changes.
 */
export async function reissueTicket(
  deps: TReissueDeps,
  input: { organizationId: string; orderId: string; ticketId: string; reason: string; actor: TAuditActor },
): Promise<{ oldTicketId: string; ticketId: string; shortCode: string }> {
  return deps.db.$transaction(async (tx: Prisma.TransactionClient) => {
    const [order] = await tx.$queryRaw<
      { id: string; organizationId: string; status: string; buyerName: string }[]
    >`SELECT id, "organizationId", status::text, "buyerName" FROM "Order" WHERE id = ${input.orderId}::uuid FOR UPDATE`;
    if (!order || order.organizationId !== input.organizationId) throw new AppError("NOT_FOUND", "Order not found.");
    const ticket = await tx.ticket.findFirst({ where: { id: input.ticketId, orderId: order.id } });
    if (!ticket) throw new AppError("NOT_FOUND", "Ticket not found.");
    if (ticket.status === "REVOKED" && ticket.revokeReason?.startsWith(REISSUED_REASON_PREFIX)) {
      const done = await tx.auditLog.findFirst({ where: { action: "ticket.reissue", targetType: "ticket", targetId: ticket.id }, orderBy: { id: "desc" } });
      const newTicketId = (done?.data as { newTicketId?: string } | null)?.newTicketId;
      const replacement = newTicketId ? await tx.ticket.findUnique({ where: { id: newTicketId }, select: { id: true, shortCode: true } }) : null;
      if (replacement) return { oldTicketId: ticket.id, ticketId: replacement.id, shortCode: replacement.shortCode };
    }
    const notChangeable = (why: string) => new AppError("TICKET_NOT_CHANGEABLE", `This ticket cannot be reissued: ${why}.`, { reason: why });
    if (order.status !== "PAID" && order.status !== "PARTIALLY_REFUNDED") throw notChangeable("the order is not paid");
    if (ticket.status !== "VALID") throw notChangeable(`it is ${ticket.status.toLowerCase()}`);
    if (ticket.checkedInAt) throw notChangeable("it was checked in");
    if ((await pendingRefundTicketIds(tx, order.id)).has(ticket.id)) throw notChangeable("a refund of it is pending");
    const created = await issueReplacementTicket(deps, tx, ticket, { name: ticket.holderName ?? order.buyerName, email: ticket.holderEmail });
    const moved = await tx.ticket.updateMany({
      where: { id: ticket.id, status: "VALID" },
      data: { status: "REVOKED", revokedAt: deps.clock.now(), revokeReason: `${REISSUED_REASON_PREFIX}: ${input.reason}`.slice(0, 500) },
    });
    if (moved.count !== 1) throw new AppError("CONFLICT", "The ticket changed while it was being reissued; try again.");
    await announceTicketChanges(tx, [{ id: ticket.id, eventId: ticket.eventId, status: "REVOKED" }]);
    await recordAudit(tx, {
      organizationId: input.organizationId,
      actor: input.actor,
      action: "ticket.reissue",
      targetType: "ticket",
      targetId: ticket.id,
      data: { orderId: order.id, newTicketId: created.id, reason: input.reason },
    });
    return { oldTicketId: ticket.id, ticketId: created.id, shortCode: created.shortCode };
  });
}

import type { Db } from "@marquee/db";
import type { Clock } from "../../clock.ts";
import { AppError } from "../../errors.ts";
import { loadOrderTickets } from "../tickets/list-order-tickets.ts";
import { pendingRefundTicketIds, ticketBlock } from "./buyer-ticket.ts";
import { maskEmail } from "./mask-email.ts";
import { listOrderRefundRequests } from "./refund-requests.ts";
import { SELF_SERVICE_EVENT_SELECT, selfServicePolicy } from "./self-service-policy.ts";
import type { TTicketSelfServiceOutputSchema } from "./ticket-self-service-schemas.ts";

/**
 * What the buyer may do with an order's tickets now: the event's policy (cut-offs), each of the
 * buyer's own tickets with its state and why it cannot change (if so), and the order's refund
 * requests with their status. The caller has authorised access to the order.
 */
export async function getTicketSelfService(deps: { db: Db; clock: Clock }, orderId: string): Promise<TTicketSelfServiceOutputSchema> {
  const order = await deps.db.order.findUnique({ where: { id: orderId }, include: { event: { select: { ...SELF_SERVICE_EVENT_SELECT, timezone: true } } } });
  if (!order) throw new AppError("NOT_FOUND", "Order not found.");
  const now = deps.clock.now();
  const [all, pending, refundRequests] = await Promise.all([
    loadOrderTickets(deps.db, order.id),
    pendingRefundTicketIds(deps.db, order.id),
    listOrderRefundRequests(deps.db, order.id),
  ]);
  const recipients = new Map(all.filter((t) => t.transferredFromTicketId).map((t) => [t.id, t.holderEmail ?? ""]));
  const policy = selfServicePolicy(order.event, now);
  return {
    orderId: order.id,
    timezone: order.event.timezone,
    policy,
    tickets: all
      .filter((t) => !t.transferredFromTicketId)
      .map((t) => {
        const block = ticketBlock(t, order, pending);
        return {
          id: t.id,
          shortCode: t.shortCode,
          ticketTypeName: t.ticketTypeName,
          seat: t.seat ? { section: t.seat.section, row: t.seat.row, seat: t.seat.seat } : null,
          holderName: t.holderName ?? order.buyerName,
          status: t.status,
          blockedBy: block,
          transferredTo: t.transferredToTicketId ? maskEmail(recipients.get(t.transferredToTicketId) ?? "") : null,
          transferredAt: t.transferredAt,
          canChange: block === null && policy.ticketChanges.open,
          canRequestRefund: block === null && policy.refundRequests.open,
        };
      }),
    refundRequests,
  };
}

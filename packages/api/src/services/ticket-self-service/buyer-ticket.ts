import type { Prisma } from "@marquee/db";
import { AppError } from "../../errors.ts";
import { SELF_SERVICE_EVENT_SELECT } from "./self-service-policy.ts";

type Tx = Prisma.TransactionClient;

/** Why a ticket can no longer be renamed, transferred or refunded by its buyer. */
export type TTicketBlock = "TRANSFERRED" | "REFUNDED" | "CHECKED_IN" | "REFUND_PENDING" | "ORDER_NOT_PAID";

const BLOCK_MESSAGES: Record<TTicketBlock, string> = {
  TRANSFERRED: "This ticket has been transferred to someone else.",
  REFUNDED: "This ticket has been refunded.",
  CHECKED_IN: "This ticket has already been used at the door.",
  REFUND_PENDING: "A refund for this ticket is being processed.",
  ORDER_NOT_PAID: "This order is not paid.",
};

interface TTicketState {
  id: string;
  status: string;
  checkedInAt: Date | null;
}

/** The first reason a buyer's ticket cannot change now, or null when it can. */
export function ticketBlock(ticket: TTicketState, order: { status: string }, pendingTicketIds: ReadonlySet<string>): TTicketBlock | null {
  if (order.status !== "PAID" && order.status !== "PARTIALLY_REFUNDED") return "ORDER_NOT_PAID";
  if (ticket.status === "TRANSFERRED") return "TRANSFERRED";
  if (ticket.status === "REVOKED") return "REFUNDED";
  if (ticket.checkedInAt) return "CHECKED_IN";
  if (pendingTicketIds.has(ticket.id)) return "REFUND_PENDING";
  return null;
}

/** TICKET_NOT_CHANGEABLE with the reason in `details.reason`. */
export function ticketNotChangeable(reason: TTicketBlock): AppError {
  return new AppError("TICKET_NOT_CHANGEABLE", BLOCK_MESSAGES[reason], { reason });
}

/** Tickets named by the order's PENDING refunds and PENDING refund requests: they may not change hands meanwhile. */
export async function pendingRefundTicketIds(client: Pick<Tx, "refund" | "refundRequest">, orderId: string): Promise<Set<string>> {
  const [refunds, requests] = await Promise.all([
    client.refund.findMany({ where: { orderId, status: "PENDING" }, select: { ticketIds: true } }),
    client.refundRequest.findMany({ where: { orderId, status: "PENDING" }, select: { ticketIds: true } }),
  ]);
  return new Set([...refunds, ...requests].flatMap((r) => r.ticketIds));
}

/**
 * Inside a transaction: the order locked FOR UPDATE (the lock refunds take, so a ticket cannot be
 * refunded and transferred at once), then the buyer's ticket locked and loaded. A ticket of another
 * order, or one the buyer received from no one but gave away (a transfer's new ticket belongs to its
 * recipient), is NOT_FOUND.
 */
export async function lockBuyerTicket(tx: Tx, input: { orderId: string; ticketId: string }) {
  const [order] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Order" WHERE id = ${input.orderId}::uuid FOR UPDATE`;
  if (!order) throw new AppError("NOT_FOUND", "Order not found.");
  await tx.$queryRaw`SELECT id FROM "Ticket" WHERE id = ${input.ticketId}::uuid AND "orderId" = ${input.orderId}::uuid FOR UPDATE`;
  const ticket = await tx.ticket.findFirst({
    where: { id: input.ticketId, orderId: input.orderId },
    include: {
      order: { select: { id: true, status: true, organizationId: true, buyerEmail: true, buyerName: true } },
      event: { select: { id: true, ...SELF_SERVICE_EVENT_SELECT } },
      transferredFrom: { select: { id: true } },
      transferredTo: { select: { id: true, holderName: true, holderEmail: true, shortCode: true, signedCode: true } },
    },
  });
  if (!ticket || ticket.transferredFrom) throw new AppError("NOT_FOUND", "Ticket not found.");
  return ticket;
}

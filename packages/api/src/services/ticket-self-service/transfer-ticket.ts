import type { Db, Prisma } from "@marquee/db";
import type { Clock } from "../../clock.ts";
import { AppError } from "../../errors.ts";
import { writeOutbox } from "../outbox/write-outbox.ts";
import { issueReplacementTicket } from "../tickets/issue-replacement-ticket.ts";
import { lockBuyerTicket, pendingRefundTicketIds, ticketBlock, ticketNotChangeable } from "./buyer-ticket.ts";
import { maskEmail } from "./mask-email.ts";
import { assertTicketChangesOpen } from "./self-service-policy.ts";
import { announceTicketChanges } from "../checkin/scans/checkin-announcements.ts";

export interface TTransferTicketInput {
  orderId: string;
  ticketId: string;
  recipient: { name: string; email: string };
  /** Who asked (the signed-in buyer), for the audit log; null for a guest with the order link. */
  actorId: string | null;
}

export interface TTransferTicketResult {
  ticketId: string;
  status: "TRANSFERRED";
  /** The recipient's address, masked as the buyer's order page shows it. */
  transferredTo: string;
  transferredAt: Date;
}

export interface TTransferDeps {
  db: Db;
  clock: Clock;
  /** TICKET_KEY_SECRET: the new ticket is signed with the event's key. */
  ticketKeySecret: string;
}

/**
 * Gives a ticket to someone else, in one transaction under the order's lock: a NEW ticket (new id,
 * signed code and short code) for the same admission, held by the recipient; the old one
 * TRANSFERRED (on the revocation list, so the door refuses its code), pointing at the new one; the
 * outbox event `ticket.transferred` (the notification worker e-mails both) and the audit log.
 *
 * Idempotent: a repeat for the same recipient (double click, a retry after a lost answer or a
 * crash) finds the ticket already transferred to them and answers the same, so there is one new
 * ticket. Another recipient, a refunded, checked-in or already transferred ticket, one in a pending
 * refund, or a request after the organiser's cut-off is refused and changes nothing.
 */
export async function transferTicket(deps: TTransferDeps, input: TTransferTicketInput): Promise<TTransferTicketResult> {
  const recipient = { name: input.recipient.name.trim(), email: input.recipient.email.trim().toLowerCase() };
  return deps.db.$transaction(async (tx: Prisma.TransactionClient) => {
    const ticket = await lockBuyerTicket(tx, input);
    const to = ticket.transferredTo;
    if (ticket.status === "TRANSFERRED" && to && ticket.transferredAt && to.holderEmail === recipient.email && to.holderName === recipient.name) {
      return { ticketId: ticket.id, status: "TRANSFERRED" as const, transferredTo: maskEmail(recipient.email), transferredAt: ticket.transferredAt };
    }
    const block = ticketBlock(ticket, ticket.order, await pendingRefundTicketIds(tx, ticket.orderId));
    if (block) throw ticketNotChangeable(block);
    const now = deps.clock.now();
    assertTicketChangesOpen(ticket.event, now);
    if (recipient.email === ticket.order.buyerEmail.toLowerCase())
      throw new AppError("VALIDATION_ERROR", "This ticket is already yours: give the address of the person you are transferring it to.");
    const created = await issueReplacementTicket(deps, tx, ticket, recipient);
    const moved = await tx.ticket.updateMany({
      where: { id: ticket.id, status: "VALID" },
      data: { status: "TRANSFERRED", revokedAt: now, revokeReason: "transferred", transferredAt: now, transferredToTicketId: created.id },
    });
    if (moved.count !== 1) throw new AppError("CONFLICT", "The ticket changed while it was being transferred; try again.");
    await announceTicketChanges(tx, [{ id: ticket.id, eventId: ticket.eventId, status: "TRANSFERRED" }]);
    await writeOutbox(tx, {
      topic: "ticket.transferred",
      aggregateType: "ticket",
      aggregateId: ticket.id,
      payload: { ticketId: ticket.id, newTicketId: created.id },
    });
    await tx.auditLog.create({
      data: {
        organizationId: ticket.order.organizationId,
        actorId: input.actorId,
        actorKind: input.actorId ? "user" : "guest",
        action: "ticket.transfer",
        targetType: "ticket",
        targetId: ticket.id,
        data: { orderId: ticket.orderId, newTicketId: created.id, recipientEmail: recipient.email, recipientName: recipient.name },
      },
    });
    return { ticketId: ticket.id, status: "TRANSFERRED" as const, transferredTo: maskEmail(recipient.email), transferredAt: now };
  });
}

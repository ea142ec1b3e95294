import type { Db, Prisma } from "@marquee/db";
import type { Clock } from "../../clock.ts";
import { lockBuyerTicket, pendingRefundTicketIds, ticketBlock, ticketNotChangeable } from "./buyer-ticket.ts";
import { assertTicketChangesOpen } from "./self-service-policy.ts";

export interface TRenameTicketInput {
  orderId: string;
  ticketId: string;
  holderName: string;
  /** Who asked (the signed-in buyer), for the audit log; null for a guest with the order link. */
  actorId: string | null;
}

/**
 * The name printed on a ticket, changed by its buyer until the organiser's cut-off. The QR code
 * does not carry the name, so the code stays; the tickets PDF is rendered from the current name
 * (a new version of the file). Audit log `ticket.rename` with the old and new name.
 */
export async function renameTicket(deps: { db: Db; clock: Clock }, input: TRenameTicketInput) {
  const holderName = input.holderName.trim();
  return deps.db.$transaction(async (tx: Prisma.TransactionClient) => {
    const ticket = await lockBuyerTicket(tx, input);
    const now = deps.clock.now();
    const block = ticketBlock(ticket, ticket.order, await pendingRefundTicketIds(tx, ticket.orderId));
    if (block) throw ticketNotChangeable(block);
    assertTicketChangesOpen(ticket.event, now);
    const previous = ticket.holderName ?? ticket.order.buyerName;
    if (previous === holderName) return { ticketId: ticket.id, holderName, changed: false };
    await tx.ticket.update({ where: { id: ticket.id }, data: { holderName } });
    await tx.auditLog.create({
      data: {
        organizationId: ticket.order.organizationId,
        actorId: input.actorId,
        actorKind: input.actorId ? "user" : "guest",
        action: "ticket.rename",
        targetType: "ticket",
        targetId: ticket.id,
        data: { orderId: ticket.orderId, from: previous, to: holderName },
      },
    });
    return { ticketId: ticket.id, holderName, changed: true };
  });
}

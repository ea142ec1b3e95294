import type { Db } from "@marquee/db";
import type { Clock } from "../../clock.ts";
import { AppError } from "../../errors.ts";
import { documentLink, DOCUMENT_LINK_TTL_MS } from "../documents/document-links.ts";
import { readTicketLinkToken } from "./ticket-links.ts";
import type { TTicketByLinkOutputSchema } from "./ticket-self-service-schemas.ts";

/**
 * The ticket a transfer gave its recipient, through the signed link of their e-mail: event, seat,
 * holder, and while it is valid its QR payload, short code and a PDF link (an hour). A forged or
 * altered token is NOT_FOUND, an expired one LINK_EXPIRED.
 */
export async function getTicketByLink(deps: { db: Db; clock: Clock }, token: string): Promise<TTicketByLinkOutputSchema> {
  const now = deps.clock.now();
  const link = readTicketLinkToken(token, now);
  if (!link.ok)
    throw link.reason === "EXPIRED" ? new AppError("LINK_EXPIRED", "This ticket link has expired.") : new AppError("NOT_FOUND", "Ticket not found.");
  const ticket = await deps.db.ticket.findUnique({
    where: { id: link.ticketId },
    include: {
      ticketType: { select: { name: true } },
      seat: { select: { label: true, section: { select: { name: true } }, row: { select: { label: true } } } },
      event: {
        select: {
          id: true,
          name: true,
          slug: true,
          startsAt: true,
          doorsAt: true,
          timezone: true,
          venue: { select: { name: true, city: true, address: true } },
        },
      },
      transferredFrom: { select: { id: true } },
    },
  });
  if (!ticket || !ticket.transferredFrom) throw new AppError("NOT_FOUND", "Ticket not found.");
  const valid = ticket.status === "VALID";
  return {
    id: ticket.id,
    status: ticket.status,
    holderName: ticket.holderName ?? "",
    ticketTypeName: ticket.ticketType.name,
    seat: ticket.seat ? { section: ticket.seat.section.name, row: ticket.seat.row.label, seat: ticket.seat.label } : null,
    shortCode: valid ? ticket.shortCode : null,
    signedCode: valid ? ticket.signedCode : null,
    checkedIn: ticket.checkedInAt !== null,
    event: {
      name: ticket.event.name,
      slug: ticket.event.slug,
      startsAt: ticket.event.startsAt,
      doorsAt: ticket.event.doorsAt,
      timezone: ticket.event.timezone,
      venue: ticket.event.venue,
    },
    pdf: valid ? documentLink({ kind: "ticket", ticketId: ticket.id }, new Date(now.getTime() + DOCUMENT_LINK_TTL_MS)) : null,
  };
}

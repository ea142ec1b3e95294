import type { Db, Prisma } from "@marquee/db";
import { parseShortCode } from "@marquee/tickets";
import type { TDeviceSession } from "../devices/authenticate-device.ts";
import { seatLabel } from "../device-scope.ts";

// A supervisor at the door looks an attendee up by name, e-mail, order reference or short code
// (a lost phone, a name on a list). Only the device's events; at most 20 answers.

export const ATTENDEE_SEARCH_LIMIT = 20;

/** Tickets of the device's events whose holder, buyer, order reference or short code matches. */
export async function searchAttendees(deps: { db: Db }, device: TDeviceSession, input: { q: string; eventId?: string }) {
  const eventIds = input.eventId ? device.eventIds.filter((id) => id === input.eventId) : device.eventIds;
  if (eventIds.length === 0) return { attendees: [] };
  const q = input.q.trim();
  const contains = (value: string) => ({ contains: value, mode: "insensitive" as const });
  const short = parseShortCode(q);
  const or: Prisma.TicketWhereInput[] = [
    { holderName: contains(q) },
    { holderEmail: contains(q) },
    { order: { buyerName: contains(q) } },
    { order: { buyerEmail: contains(q) } },
    { order: { reference: contains(q) } },
    { shortCode: contains(q) },
  ];
  if (short.ok) or.push({ shortCode: short.shortCode });
  const tickets = await deps.db.ticket.findMany({
    where: { eventId: { in: eventIds }, OR: or },
    orderBy: [{ holderName: "asc" }, { id: "asc" }],
    take: ATTENDEE_SEARCH_LIMIT,
    select: {
      id: true,
      eventId: true,
      shortCode: true,
      holderName: true,
      status: true,
      checkedInAt: true,
      ticketType: { select: { name: true } },
      order: { select: { reference: true, buyerName: true } },
      seat: { select: { label: true, row: { select: { label: true } }, section: { select: { name: true } } } },
    },
  });
  return {
    attendees: tickets.map((ticket) => ({
      ticketId: ticket.id,
      eventId: ticket.eventId,
      shortCode: ticket.shortCode,
      holder: ticket.holderName,
      buyerName: ticket.order.buyerName,
      orderReference: ticket.order.reference,
      ticketTypeName: ticket.ticketType.name,
      seat: ticket.seat ? seatLabel(ticket.seat.section.name, ticket.seat.row.label, ticket.seat.label) : null,
      status: ticket.status,
      checkedInAt: ticket.checkedInAt,
    })),
  };
}

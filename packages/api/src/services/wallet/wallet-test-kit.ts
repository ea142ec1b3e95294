import type { Harness } from "../../testing/harness.ts";
import { issueTickets } from "../tickets/issue-tickets.ts";
import { orderWithLines, seatedEvent, ticketDeps } from "../tickets/tickets-test-kit.ts";

/** A paid order with a GA ticket and a seated ticket (venue with coordinates, organiser colours), owned by `owner`. */
export async function paidOrderWithTickets(h: Harness, owner: { userId?: string | null; cartId?: string | null } = {}) {
  const kit = await seatedEvent(h);
  await h.db.organization.update({ where: { id: kit.organization.id }, data: { brandColor: "#7a1f5c", brandTextColor: "#fff8e7" } });
  await h.db.venue.update({ where: { id: kit.event.venueId }, data: { latitude: 52.5163, longitude: 13.3777 } });
  const order = await orderWithLines(h, kit, { gaQuantity: 1 });
  await h.db.order.update({
    where: { id: order.id },
    data: { status: "PAID", paidAt: new Date(), userId: owner.userId ?? null, cartId: owner.cartId ?? null },
  });
  const { tickets } = await issueTickets(ticketDeps(h), { orderId: order.id });
  const gaTicket = tickets.find((ticket) => ticket.seat === null)!;
  const seatedTicket = tickets.find((ticket) => ticket.seat !== null)!;
  return { ...kit, order, tickets, gaTicket, seatedTicket };
}

import type { Db } from "@marquee/db";
import type { TWebhookEventType } from "./webhook-schemas.ts";

// What a webhook's `data` holds, read from the current state when the event is fanned out (the
// outbox payload carries ids only). Receivers that need the latest state fetch it by id.

export interface TWebhookSource {
  organizationId: string;
  type: TWebhookEventType;
  data: Record<string, unknown>;
}

const orderData = async (db: Db, orderId: string) => {
  const order = await db.order.findUnique({
    where: { id: orderId },
    include: { event: { select: { id: true, name: true, startsAt: true } }, _count: { select: { tickets: true } } },
  });
  if (!order) return null;
  return {
    organizationId: order.organizationId,
    order: {
      id: order.id,
      reference: order.reference,
      status: order.status,
      channel: order.channel,
      buyerName: order.buyerName,
      buyerEmail: order.buyerEmail,
      currency: order.currency,
      totalMinor: order.totalMinor,
      refundedMinor: order.refundedMinor,
      tickets: order._count.tickets,
      createdAt: order.createdAt.toISOString(),
      paidAt: order.paidAt?.toISOString() ?? null,
      cancelledAt: order.cancelledAt?.toISOString() ?? null,
      event: { id: order.event.id, name: order.event.name, startsAt: order.event.startsAt.toISOString() },
    },
  };
};

export async function orderWebhook(db: Db, type: "order.paid" | "order.cancelled", orderId: string): Promise<TWebhookSource | null> {
  const found = await orderData(db, orderId);
  return found && { organizationId: found.organizationId, type, data: { order: found.order } };
}

export async function refundWebhook(db: Db, refundId: string, orderId: string): Promise<TWebhookSource | null> {
  const [found, refund] = await Promise.all([orderData(db, orderId), db.refund.findUnique({ where: { id: refundId } })]);
  if (!found || !refund) return null;
  return {
    organizationId: found.organizationId,
    type: "order.refunded",
    data: {
      order: found.order,
      refund: { id: refund.id, status: refund.status, amountMinor: refund.amountMinor, currency: refund.currency, createdAt: refund.createdAt.toISOString() },
    },
  };
}

export async function checkedInWebhook(
  db: Db,
  scan: {
    id: string;
    ticketId: string;
    listId: string;
    kind: string;
    annulled: boolean;
    conflict: boolean;
    gate: string | null;
    deviceName: string | null;
    scannedAt: Date;
  },
): Promise<TWebhookSource | null> {
  // Only an admission: exits, annulments and refused second entries are no check-in.
  if (scan.kind !== "ENTRY" || scan.annulled || scan.conflict) return null;
  const ticket = await db.ticket.findUnique({
    where: { id: scan.ticketId },
    include: { event: { select: { organizationId: true, name: true } }, ticketType: { select: { name: true } }, order: { select: { reference: true } } },
  });
  if (!ticket) return null;
  return {
    organizationId: ticket.event.organizationId,
    type: "ticket.checked_in",
    data: {
      ticket: {
        id: ticket.id,
        shortCode: ticket.shortCode,
        status: ticket.status,
        holderName: ticket.holderName,
        ticketType: { id: ticket.ticketTypeId, name: ticket.ticketType.name },
        order: { id: ticket.orderId, reference: ticket.order.reference },
        event: { id: ticket.eventId, name: ticket.event.name },
      },
      scan: { id: scan.id, listId: scan.listId, gate: scan.gate, device: scan.deviceName, scannedAt: scan.scannedAt.toISOString() },
    },
  };
}

export async function soldOutWebhook(db: Db, eventId: string): Promise<TWebhookSource | null> {
  const event = await db.event.findUnique({
    where: { id: eventId },
    include: { ticketTypes: { select: { id: true, name: true, capacity: true, soldCount: true } } },
  });
  if (!event) return null;
  return {
    organizationId: event.organizationId,
    type: "event.sold_out",
    data: {
      event: {
        id: event.id,
        name: event.name,
        slug: event.slug,
        startsAt: event.startsAt.toISOString(),
        ticketTypes: event.ticketTypes.map((type) => ({ id: type.id, name: type.name, capacity: type.capacity, soldCount: type.soldCount })),
      },
    },
  };
}

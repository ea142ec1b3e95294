import type { Db } from "@marquee/db";
import { uniqueSuffix } from "@marquee/db/testing";
import type { RealtimeEvent, RealtimePublisher } from "../../realtime/publisher.ts";

/** A PAID order at `paidAt` with one line per entry (quantity x price), and a ticket per admission. */
export async function makePaidOrder(
  db: Db,
  event: { id: string; organizationId: string },
  paidAt: Date,
  lines: readonly { ticketTypeId: string; quantity: number; unitPriceMinor: number }[],
) {
  const totalMinor = lines.reduce((sum, line) => sum + line.quantity * line.unitPriceMinor, 0);
  const key = await db.eventSigningKey.findFirstOrThrow({ where: { eventId: event.id } });
  const order = await db.order.create({
    data: {
      reference: `MQ-${uniqueSuffix()}`.slice(0, 40),
      organizationId: event.organizationId,
      eventId: event.id,
      status: "PAID",
      buyerName: "Dana Buyer",
      buyerEmail: `buyer-${uniqueSuffix()}@example.test`,
      currency: "EUR",
      subtotalMinor: totalMinor,
      totalMinor,
      paidAt,
    },
  });
  const ticketIds: string[] = [];
  for (const line of lines) {
    const row = await db.orderLine.create({
      data: {
        orderId: order.id,
        eventId: event.id,
        ticketTypeId: line.ticketTypeId,
        quantity: line.quantity,
        unitPriceMinor: line.unitPriceMinor,
        totalMinor: line.quantity * line.unitPriceMinor,
      },
    });
    for (let index = 0; index < line.quantity; index++) {
      const ticket = await db.ticket.create({
        data: {
          eventId: event.id,
          orderId: order.id,
          orderLineId: row.id,
          ticketTypeId: line.ticketTypeId,
          signingKeyId: key.id,
          shortCode: `T${uniqueSuffix()}`,
          signedCode: `S${uniqueSuffix()}`,
        },
      });
      ticketIds.push(ticket.id);
    }
  }
  return { order, ticketIds };
}

/** A publisher that records what it was asked to send and signs every channel. */
export function recordingRealtime(): RealtimePublisher & { sent: RealtimeEvent[] } {
  const sent: RealtimeEvent[] = [];
  return {
    sent,
    async trigger(channel, event, data) {
      for (const name of typeof channel === "string" ? [channel] : channel) sent.push({ channel: name, event, data });
    },
    async triggerBatch(events) {
      sent.push(...events);
    },
    authorizeChannel: (socketId, channel) => ({ auth: `key:signed(${socketId}:${channel})` }),
  };
}

// The webhook spec's data and its local receiver. A paid order is written the way the product
// marks one PAID: the order and its `order.paid` outbox event in one transaction, so the stack's
// relay, notification worker and delivery do the rest for real.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { writeOutbox } from "@marquee/api/services/outbox/write-outbox";
import { createDb, type Db } from "@marquee/db";
import { createFactories } from "@marquee/db/testing";
import { testDatabaseUrl } from "./env.ts";

let db: Db | null = null;
const database = () => (db ??= createDb(testDatabaseUrl(), { max: 2 }));

export async function closeWebhookData(): Promise<void> {
  await db?.$disconnect();
  db = null;
}

/** A published GA event of the organisation. */
export async function createWebhookEvent(organizationId: string) {
  const make = createFactories(database());
  const venue = await make.venue(organizationId);
  const event = await make.event(organizationId, venue.id, { name: `Webhook Night ${crypto.randomUUID().slice(0, 6)}` });
  const ticketType = await make.ticketType(event.id, { capacity: 50 });
  return { event, ticketType };
}

/** An order that just became PAID, with its outbox event. */
export async function payOrder(organizationId: string, eventId: string, ticketTypeId: string): Promise<string> {
  const suffix = crypto.randomUUID().slice(0, 8);
  return database().$transaction(async (tx) => {
    const order = await tx.order.create({
      data: {
        reference: `MQ-HOOK-${suffix}`.toUpperCase(),
        organizationId,
        eventId,
        status: "PAID",
        buyerName: `Hook Buyer ${suffix}`,
        buyerEmail: `hook-${suffix}@example.test`,
        currency: "EUR",
        subtotalMinor: 2500,
        totalMinor: 2500,
        paidAt: new Date(),
        lines: { create: [{ eventId, ticketTypeId, quantity: 1, unitPriceMinor: 2500, totalMinor: 2500, status: "ACTIVE" }] },
      },
    });
    await writeOutbox(tx, { topic: "order.paid", aggregateType: "order", aggregateId: order.id, payload: { orderId: order.id } });
    return order.id;
  });
}

export interface TReceived {
  headers: IncomingHttpHeaders;
  rawBody: string;
}

/** A local HTTP receiver that answers `status` (changeable) and records every request. */
export async function startWebhookReceiver() {
  const state = { status: 200 };
  const received: TReceived[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ headers: request.headers, rawBody: Buffer.concat(chunks).toString("utf8") });
      response.writeHead(state.status, { "Content-Type": "text/plain" }).end(state.status < 300 ? "thanks" : `receiver down (${state.status})`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/marquee-hook`,
    state,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

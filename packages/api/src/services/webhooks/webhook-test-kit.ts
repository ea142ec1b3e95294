import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { uniqueSuffix, type Factories } from "@marquee/db/testing";
import type { Db } from "@marquee/db";

/** One request a test receiver got: its headers and the raw body, exactly as sent. */
export interface TReceived {
  headers: IncomingHttpHeaders;
  rawBody: string;
}

/**
 * A real local HTTP receiver: answers with the next status of `statuses` (the last repeats) and
 * records every request. Tests drive deliveries at it with private networks allowed.
 */
export async function startReceiver(statuses: number[] = [200]) {
  const received: TReceived[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ headers: request.headers, rawBody: Buffer.concat(chunks).toString("utf8") });
      const status = statuses[Math.min(received.length - 1, statuses.length - 1)]!;
      response.writeHead(status, { "Content-Type": "text/plain" }).end(status < 300 ? "ok" : `receiver says ${status}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A PAID order of a fresh organisation's GA event. */
export async function paidOrder(db: Db, make: Factories) {
  const { organization, event, ticketType } = await make.gaEvent({ capacity: 10 });
  const order = await db.order.create({
    data: {
      reference: `MQ-${uniqueSuffix()}`,
      organizationId: organization.id,
      eventId: event.id,
      status: "PAID",
      buyerName: "Hook Buyer",
      buyerEmail: `hook-${uniqueSuffix()}@example.test`,
      currency: "EUR",
      subtotalMinor: 2500,
      totalMinor: 2500,
      paidAt: new Date(),
      lines: { create: [{ eventId: event.id, ticketTypeId: ticketType.id, quantity: 1, unitPriceMinor: 2500, totalMinor: 2500, status: "ACTIVE" }] },
    },
  });
  return { organizationId: organization.id, event, ticketType, order };
}

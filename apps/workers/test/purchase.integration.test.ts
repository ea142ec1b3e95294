// A whole purchase through the public REST API and the real processes: the standalone API server
// (REST and the Stripe webhook endpoint), the five workers, the local Stripe server signing real
// webhooks, an SMTP catcher. cart → hold → checkout → the buyer confirms with the official SDK →
// webhook → payment worker → outbox → the saga (invoice and e-mail over gRPC) → getOrder shows
// PAID with tickets whose PDFs download, and the buyer has one e-mail with both PDFs.
import { createFactories } from "@marquee/db/testing";
import { verifyTicketCode } from "@marquee/tickets";
import { eventVerificationKeys } from "@marquee/api/services/tickets/scanner-downloads";
import { describe, expect, it } from "vitest";
import { eventually } from "./testing/processes.ts";
import { usePurchaseStack } from "./testing/worker-stack.ts";

const system = usePurchaseStack("purchase");

/** The fields of the REST answers this test reads (cart, hold and order share the call). */
interface TOrderBody {
  id: string;
  token?: string;
  status: string;
  paymentIntentId: string;
  tickets: { signedCode: string; status: string }[];
  documents: { ticketsPdf: string; invoices: { pdf: string }[] } | null;
  [field: string]: unknown;
}

async function rest(path: string, options: { token?: string; body?: unknown; idempotencyKey?: string } = {}) {
  const response = await fetch(`${system.base}/api/v1${path}`, {
    method: options.body === undefined ? "GET" : "POST",
    headers: {
      ...(options.body === undefined ? {} : { "content-type": "application/json" }),
      ...(options.token ? { "x-cart-token": options.token } : {}),
      ...(options.idempotencyKey ? { "idempotency-key": options.idempotencyKey } : {}),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  return { status: response.status, body: (await response.json()) as TOrderBody };
}

describe("a purchase through the REST API and the workers", () => {
  it("ends with a paid order, tickets that verify, downloadable PDFs and one e-mail", async () => {
    const { event, ticketType } = await createFactories(system.db).gaEvent({ capacity: 20 });
    const email = `purchase-${crypto.randomUUID()}@example.test`;

    const cart = await rest("/carts", { body: {} });
    expect(cart.status).toBe(201);
    const token = String(cart.body.token);
    const hold = await rest(`/events/${event.id}/holds`, {
      token,
      body: { items: [{ ticketTypeId: ticketType.id, quantity: 2 }] },
      idempotencyKey: crypto.randomUUID(),
    });
    expect(hold.status).toBe(201);
    const order = await rest(`/holds/${hold.body.id}/checkout`, {
      token,
      body: { buyer: { name: "Grace Hopper", email } },
      idempotencyKey: crypto.randomUUID(),
    });
    expect(order.status).toBe(201);
    expect(order.body).toMatchObject({ status: "PENDING", totalMinor: 5_000, tickets: [], documents: null });

    // The buyer's browser (Stripe.js) or script confirms the intent with its client secret.
    await system.stripe.client.paymentIntents.confirm(order.body.paymentIntentId, { payment_method: "pm_card_visa" });

    const paid = await eventually(
      () => rest(`/orders/${order.body.id}`, { token }),
      (seen) => seen.body.status === "PAID" && seen.body.documents?.invoices.length === 1,
      30_000,
    );
    expect(paid.body).toMatchObject({ status: "PAID", payment: { status: "CAPTURED" }, tickets: [{ status: "VALID" }, { status: "VALID" }] });
    const keys = await eventVerificationKeys({ db: system.db }, event.id);
    for (const ticket of paid.body.tickets) {
      expect(await verifyTicketCode(ticket.signedCode, { keys, eventId: event.id, now: event.startsAt })).toMatchObject({ ok: true });
    }
    for (const path of [paid.body.documents!.ticketsPdf, paid.body.documents!.invoices[0]!.pdf]) {
      const download = await fetch(`${system.base}${path}`);
      expect(download.status).toBe(200);
      expect(download.headers.get("content-type")).toBe("application/pdf");
      expect(
        Buffer.from(await download.arrayBuffer())
          .subarray(0, 5)
          .toString(),
      ).toBe("%PDF-");
    }

    const mail = await eventually(
      async () => system.stack.mailTo(email),
      (list) => list.length > 0,
      30_000,
    );
    expect(mail).toHaveLength(1);
    expect(mail[0]!.attachments.map((attachment) => attachment.contentType)).toEqual(["application/pdf", "application/pdf"]);
    expect(system.stack.stripeServer.paymentIntents().find((intent) => intent.id === order.body.paymentIntentId)).toMatchObject({
      status: "succeeded",
      amount_received: 5_000,
    });
  });
});

// The full purchase in process: REST checkout, the buyer confirms through the official SDK against
// the local Stripe test server, the webhook's event is applied, and the saga makes the sale final,
// issues signed tickets, captures, invoices and sends one confirmation e-mail with both PDFs.
// Refunds of such orders: services/refunds/refund-order.integration.test.ts.
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { verifyTicketCode } from "@marquee/tickets";
import { describe, expect, it } from "vitest";
import { fixedClock, systemClock } from "../../clock.ts";
import { useHarness } from "../../testing/harness.ts";
import { bookingDeps, kitCart, seatedEvent } from "../booking/booking-test-kit.ts";
import { createHold } from "../booking/create-hold.ts";
import { expireHold } from "../booking/end-hold.ts";
import { checkout } from "../checkout/checkout.ts";
import { createLocalFileStore } from "../files/local-file-store.ts";
import { eventVerificationKeys } from "../tickets/scanner-downloads.ts";
import { fulfilOrder } from "./fulfil-order.ts";
import { documentToken, handleDocumentDownload } from "../../http/document-download-http.ts";
import { getOrder } from "../checkout/get-order.ts";
import { auditOrders } from "./audit-orders.ts";
import { useFulfilmentKit } from "./fulfilment-test-kit.ts";
import { reconcileOrders } from "./reconcile-orders.ts";

const h = useHarness();
const kit = useFulfilmentKit(h);

describe("fulfilOrder (the order saga)", () => {
  it("turns an authorised payment into a paid order with verifiable tickets, a captured payment, an invoice and one e-mail", async () => {
    const { event, ticketType } = await h.make.gaEvent({ capacity: 10 });
    const cart = await kitCart(h);
    const email = `buyer-${crypto.randomUUID()}@example.test`;
    const hold = await createHold(bookingDeps(h), cart, { admissionToken: null }, { eventId: event.id, items: [{ ticketTypeId: ticketType.id, quantity: 2 }] });
    const order = await checkout({ db: h.db, stripe: kit.settings.client, clock: systemClock }, cart, {
      holdId: hold.id,
      buyer: { name: "Ada Lovelace", email },
      locale: "en",
    });
    expect(await fulfilOrder(kit.deps, order.id)).toBe("WAITING_FOR_PAYMENT");
    await kit.settings.client.paymentIntents.confirm(order.paymentIntentId, { payment_method: "pm_card_visa" });
    await kit.applyEvents(order.paymentIntentId);

    // Three runs at once: each finishes PAID, or (a run that finds another sending the e-mail right
    // now) fails with a retryable CONFLICT so its job runs again later; nothing happens twice.
    const outcomes = await Promise.allSettled([fulfilOrder(kit.deps, order.id), fulfilOrder(kit.deps, order.id), fulfilOrder(kit.deps, order.id)]);
    for (const outcome of outcomes) {
      if (outcome.status === "fulfilled") expect(outcome.value).toBe("PAID");
      else expect(outcome.reason).toMatchObject({ code: "CONFLICT" });
    }
    expect(outcomes.some((outcome) => outcome.status === "fulfilled")).toBe(true);
    expect(await h.db.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: "PAID" });
    expect(kit.stripeServer.paymentIntents().find((i) => i.id === order.paymentIntentId)).toMatchObject({ status: "succeeded", amount_received: 5000 });
    expect(await h.db.payment.findFirstOrThrow({ where: { orderId: order.id } })).toMatchObject({ status: "CAPTURED", capturedMinor: 5000 });

    const tickets = await h.db.ticket.findMany({ where: { orderId: order.id } });
    expect(tickets).toHaveLength(2);
    const keys = await eventVerificationKeys({ db: h.db }, event.id);
    for (const ticket of tickets)
      expect(await verifyTicketCode(ticket.signedCode, { keys, eventId: event.id, now: event.startsAt })).toMatchObject({ ok: true });

    const invoices = await h.db.invoice.findMany({ where: { orderId: order.id } });
    expect(invoices).toHaveLength(1);
    expect(invoices[0]!.pdfPath).toBeTruthy();

    const mail = await kit.caughtFor(email);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.attachments.map((a) => a.contentType)).toEqual(["application/pdf", "application/pdf"]);
    // Again later: nothing new.
    expect(await fulfilOrder(kit.deps, order.id)).toBe("PAID");
    expect(await h.db.ticket.count({ where: { orderId: order.id } })).toBe(2);
    expect(await kit.caughtFor(email)).toHaveLength(1);
  });

  it("cancels the authorisation when a late payment finds the seat sold, takes no money, and says so", async () => {
    const { event, seatIds } = await seatedEvent(h);
    const cart = await kitCart(h);
    const email = `late-${crypto.randomUUID()}@example.test`;
    const hold = await createHold(bookingDeps(h), cart, { admissionToken: null }, { eventId: event.id, items: [{ seatId: seatIds[0]! }] });
    const order = await checkout({ db: h.db, stripe: kit.settings.client, clock: systemClock }, cart, {
      holdId: hold.id,
      buyer: { name: "Late Buyer", email },
      locale: "de",
    });
    await expireHold(bookingDeps(h, fixedClock(new Date(hold.expiresAt.getTime() + 1))), hold.id);
    await createHold(bookingDeps(h), await kitCart(h), { admissionToken: null }, { eventId: event.id, items: [{ seatId: seatIds[0]! }] });
    await kit.settings.client.paymentIntents.confirm(order.paymentIntentId, { payment_method: "pm_card_visa" });
    await kit.applyEvents(order.paymentIntentId);

    expect(await fulfilOrder(kit.deps, order.id)).toBe("CANCELLED");
    expect(kit.stripeServer.paymentIntents().find((i) => i.id === order.paymentIntentId)).toMatchObject({ status: "canceled", amount_received: 0 });
    expect(await h.db.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: "CANCELLED" });
    expect(await h.db.ticket.count({ where: { orderId: order.id } })).toBe(0);
    expect(await kit.caughtFor(email)).toHaveLength(1);
    expect(await fulfilOrder(kit.deps, order.id)).toBe("CANCELLED");
    expect(await kit.caughtFor(email)).toHaveLength(1);
  });

  it("the reconciler finishes an order whose saga job was lost, and expires one nobody paid for", async () => {
    const { event, ticketType } = await h.make.gaEvent({ capacity: 10 });
    // The reconciler runs well after the holds ended.
    const later = { ...kit.deps, clock: fixedClock(new Date(Date.now() + 20 * 60_000)) };
    // Authorised, but the payment.authorized job never ran.
    const paying = await kitCart(h);
    const email = `lost-${crypto.randomUUID()}@example.test`;
    const hold = await createHold(
      bookingDeps(h),
      paying,
      { admissionToken: null },
      { eventId: event.id, items: [{ ticketTypeId: ticketType.id, quantity: 1 }] },
    );
    const order = await checkout({ db: h.db, stripe: kit.settings.client, clock: systemClock }, paying, {
      holdId: hold.id,
      buyer: { name: "Lost Job", email },
      locale: "en",
    });
    await kit.settings.client.paymentIntents.confirm(order.paymentIntentId, { payment_method: "pm_card_visa" });
    await kit.applyEvents(order.paymentIntentId);
    // Checked out, never paid, hold long gone.
    const idle = await kitCart(h);
    const idleHold = await createHold(
      bookingDeps(h),
      idle,
      { admissionToken: null },
      { eventId: event.id, items: [{ ticketTypeId: ticketType.id, quantity: 2 }] },
    );
    const idleOrder = await checkout({ db: h.db, stripe: kit.settings.client, clock: systemClock }, idle, {
      holdId: idleHold.id,
      buyer: { name: "Idle Buyer", email: "idle@example.test" },
      locale: "en",
    });
    await expireHold(bookingDeps(h, fixedClock(new Date(idleHold.expiresAt.getTime() + 1))), idleHold.id);

    const result = await reconcileOrders(later, { eventId: event.id, graceMs: 1_000, unpaidAfterMs: 0 });
    expect(result.finished).toEqual({ [order.id]: "PAID" });
    expect(await kit.caughtFor(email)).toHaveLength(1);
    expect(result.expired).toEqual([idleOrder.id]);
    expect(await h.db.order.findUniqueOrThrow({ where: { id: idleOrder.id } })).toMatchObject({ status: "EXPIRED" });
    expect(kit.stripeServer.paymentIntents().find((i) => i.id === idleOrder.paymentIntentId)).toMatchObject({ status: "canceled" });
    // A late confirmation of the expired order's intent takes no money.
    await expect(kit.settings.client.paymentIntents.confirm(idleOrder.paymentIntentId, { payment_method: "pm_card_visa" })).rejects.toThrow();
    // Nothing left to do the second time.
    expect(await reconcileOrders(later, { eventId: event.id, graceMs: 1_000, unpaidAfterMs: 0 })).toMatchObject({
      finished: {},
      expired: [],
      refunds: [],
      audit: { ok: true },
    });
  });

  it("audits the invariants: a paid order without a captured payment or its tickets is reported", async () => {
    const { event, order } = await kit.paidOrder(1, "Audit");
    const later = new Date(Date.now() + 5 * 60_000);
    expect(await auditOrders(h.db, { eventId: event.id, now: later })).toMatchObject({ ok: true });

    // Break it the way a bug would: the payment back to AUTHORIZED, a ticket gone.
    await h.db.payment.updateMany({ where: { orderId: order.id }, data: { status: "AUTHORIZED" } });
    expect(await auditOrders(h.db, { eventId: event.id, now: later })).toMatchObject({
      ok: false,
      paidWithoutCapture: [order.id],
      ticketsWithoutPayment: [order.id],
    });
    // The reconciler's two-day window sees it too; a window that ended before it does not.
    expect(await auditOrders(h.db, { eventId: event.id, now: later, sinceMs: 48 * 3_600_000 })).toMatchObject({ ok: false, paidWithoutCapture: [order.id] });
    expect(await auditOrders(h.db, { eventId: event.id, now: new Date(later.getTime() + 3 * 86_400_000), sinceMs: 48 * 3_600_000 })).toMatchObject({
      ok: true,
    });
    await h.db.payment.updateMany({ where: { orderId: order.id }, data: { status: "CAPTURED" } });
    await h.db.ticket.deleteMany({ where: { orderId: order.id } });
    expect(await auditOrders(h.db, { eventId: event.id, now: later })).toMatchObject({ ok: false, capturedWithoutTickets: [order.id], paidWithoutCapture: [] });
  });

  it("checks Stripe's listing: a payment whose webhooks were all lost is finished, money held for an expired order is released", async () => {
    const { event, ticketType } = await h.make.gaEvent({ capacity: 10 });
    const checkoutOne = async (name: string) => {
      const cart = await kitCart(h);
      const hold = await createHold(
        bookingDeps(h),
        cart,
        { admissionToken: null },
        { eventId: event.id, items: [{ ticketTypeId: ticketType.id, quantity: 1 }] },
      );
      const order = await checkout({ db: h.db, stripe: kit.settings.client, clock: systemClock }, cart, {
        holdId: hold.id,
        buyer: { name, email: `stripe-check-${crypto.randomUUID()}@example.test` },
        locale: "en",
      });
      await kit.settings.client.paymentIntents.confirm(order.paymentIntentId, { payment_method: "pm_card_visa" });
      return order;
    };
    // Authorised at Stripe, but not one webhook arrived.
    const lost = await checkoutOne("Lost Webhooks");
    // Authorised at Stripe, but EXPIRED here (as a crash between the two could leave it).
    const stale = await checkoutOne("Expired Here");
    await h.db.order.update({ where: { id: stale.id }, data: { status: "EXPIRED" } });

    const later = { ...kit.deps, clock: fixedClock(new Date(Date.now() + 5 * 60_000)) };
    const result = await reconcileOrders(later, { eventId: event.id, unpaidAfterMs: 60 * 60_000 });
    expect(result.stripe).toEqual({ synced: [lost.id], released: [stale.id], unknown: [] });
    expect(result.finished).toEqual({ [lost.id]: "PAID" });
    expect(await h.db.order.findUniqueOrThrow({ where: { id: lost.id } })).toMatchObject({ status: "PAID" });
    expect(kit.stripeServer.paymentIntents().find((i) => i.id === lost.paymentIntentId)).toMatchObject({ status: "succeeded" });
    expect(kit.stripeServer.paymentIntents().find((i) => i.id === stale.paymentIntentId)).toMatchObject({ status: "canceled" });
    expect(result.audit.ok).toBe(true);
    // Nothing left the second time.
    expect((await reconcileOrders(later, { eventId: event.id, unpaidAfterMs: 60 * 60_000 })).stripe).toEqual({ synced: [], released: [], unknown: [] });
  });

  it("gives the buyer and the organiser the tickets and signed, expiring PDF links; forged and old links are refused", async () => {
    const { event, order } = await kit.paidOrder(2, "Document Buyer");
    const cartRow = await h.db.order.findUniqueOrThrow({ where: { id: order.id }, select: { cartId: true } });
    const cart = { id: cartRow.cartId!, userId: null, expiresAt: new Date(Date.now() + 3_600_000) };
    const seen = await getOrder({ db: h.db, clock: systemClock }, cart, order.id, null);
    expect(seen.tickets).toHaveLength(2);
    expect(seen.tickets.every((ticket) => ticket.status === "VALID" && ticket.signedCode.length > 100)).toBe(true);
    expect(seen.documents).toMatchObject({
      ticketsPdf: expect.stringMatching(/^\/api\/documents\/v1\./),
      invoices: [{ kind: "INVOICE", pdf: expect.any(String) }],
    });
    // Another cart sees nothing.
    await expect(getOrder({ db: h.db, clock: systemClock }, { ...cart, id: crypto.randomUUID() }, order.id, null)).rejects.toMatchObject({ code: "NOT_FOUND" });

    const files = createLocalFileStore(kit.filesDir);
    const token = (path: string) => documentToken(path)!;
    for (const path of [seen.documents!.ticketsPdf!, seen.documents!.invoices[0]!.pdf]) {
      const response = await handleDocumentDownload({ db: h.db, files, redis: h.redis, redisPrefix: h.redisPrefix }, { method: "GET", ip: null }, token(path));
      expect(response.status).toBe(200);
      expect(response.headers["content-type"]).toBe("application/pdf");
      expect((response.body as Buffer).subarray(0, 5).toString()).toBe("%PDF-");
    }
    // The tickets PDF is rendered once per version of its inputs and then read from the file store.
    const ticketsDir = join(kit.filesDir, "tickets", order.id);
    const [cachedName, ...more] = readdirSync(ticketsDir);
    expect(more).toEqual([]);
    writeFileSync(join(ticketsDir, cachedName!), "%PDF-cached");
    const again = await handleDocumentDownload(
      { db: h.db, files, redis: h.redis, redisPrefix: h.redisPrefix },
      { method: "GET", ip: null },
      token(seen.documents!.ticketsPdf!),
    );
    expect(String(again.body)).toBe("%PDF-cached");
    // Forged (another order's id under this signature), and expired.
    const [, payload, signature] = token(seen.documents!.ticketsPdf!).split(".");
    const forgedPayload = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, "base64url").toString()), i: crypto.randomUUID() })).toString(
      "base64url",
    );
    expect(
      (
        await handleDocumentDownload(
          { db: h.db, files, redis: h.redis, redisPrefix: h.redisPrefix },
          { method: "GET", ip: null },
          `v1.${forgedPayload}.${signature}`,
        )
      ).status,
    ).toBe(404);
    const later = fixedClock(new Date(Date.now() + 2 * 3_600_000));
    const expired = await handleDocumentDownload(
      { db: h.db, files, redis: h.redis, redisPrefix: h.redisPrefix, clock: later },
      { method: "GET", ip: null },
      token(seen.documents!.ticketsPdf!),
    );
    expect(expired.status).toBe(410);
    expect(JSON.parse(expired.body as string)).toMatchObject({ error: { code: "LINK_EXPIRED" } });

    // The organiser's console: the same order with its links; another organisation's member is refused.
    const owner = await h.callerAs((await h.make.member(event.organizationId, "OWNER")).id, { app: "admin" });
    expect(await owner.order.byId({ organizationId: event.organizationId, orderId: order.id })).toMatchObject({
      id: order.id,
      tickets: seen.tickets,
      documents: { ticketsPdf: expect.any(String) },
    });
    // Support agents read the order without a usable ticket: masked short codes, no QR payload, no tickets PDF.
    const agent = await h.callerAs((await h.make.member(event.organizationId, "SUPPORT_AGENT")).id, { app: "admin" });
    const agentView = await agent.order.byId({ organizationId: event.organizationId, orderId: order.id });
    expect(agentView).toMatchObject({ id: order.id, documents: { ticketsPdf: null, invoices: [{ kind: "INVOICE" }] } });
    expect(agentView.tickets.map((ticket) => [ticket.signedCode, ticket.shortCode])).toEqual(
      seen.tickets.map((ticket) => ["", expect.stringMatching(new RegExp(`^•+${ticket.shortCode.slice(-4)}$`))]),
    );
    const other = await h.make.organization();
    const stranger = await h.callerAs((await h.make.member(other.id, "OWNER")).id, { app: "admin" });
    await expect(stranger.order.byId({ organizationId: other.id, orderId: order.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

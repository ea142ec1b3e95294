// The full purchase in process: REST checkout, the buyer confirms through the official SDK against
// the local Stripe test server, the webhook's event is applied, and the saga makes the sale final,
// issues signed tickets, captures, invoices and sends one confirmation e-mail with both PDFs.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TEST_TICKET_KEY_SECRET } from "@marquee/db/testing";
import { startMailCatcher, type CaughtMessageDetail, type MailCatcher } from "@marquee/dev/services/mail-catcher";
import { findFreePort } from "@marquee/dev/services/net";
import { startStripeTestServer, type StripeTestServer } from "@marquee/dev/services/stripe-local/index";
import { verifyTicketCode } from "@marquee/tickets";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock, systemClock } from "../../clock.ts";
import { readStripeEnv } from "../../env.ts";
import { useHarness } from "../../testing/harness.ts";
import { bookingDeps, kitCart, seatedEvent } from "../booking/booking-test-kit.ts";
import { createHold } from "../booking/create-hold.ts";
import { expireHold } from "../booking/end-hold.ts";
import { checkout } from "../checkout/checkout.ts";
import { createLocalFileStore } from "../files/local-file-store.ts";
import { createMailer, type Mailer } from "../mail/create-mailer.ts";
import { applyStripeEvent } from "../payments/apply-stripe-event.ts";
import { createStripeSettings, type StripeSettings } from "../payments/stripe-client.ts";
import { eventVerificationKeys } from "../tickets/scanner-downloads.ts";
import { fulfilOrder, type TFulfilDeps } from "./fulfil-order.ts";
import { documentToken, handleDocumentDownload } from "../../http/document-download-http.ts";
import { getOrder } from "../checkout/get-order.ts";
import { auditOrders } from "./audit-orders.ts";
import { localOrderDocuments } from "./order-documents.ts";
import { reconcileOrders } from "./reconcile-orders.ts";
import { getAvailability } from "../booking/get-availability.ts";
import { completeRefund, refundOrder } from "../refunds/refund-order.ts";

const h = useHarness();
let stripeServer: StripeTestServer;
let settings: StripeSettings;
let catcher: MailCatcher;
let mailer: Mailer;
let filesDir = "";
let deps: TFulfilDeps;

beforeAll(async () => {
  stripeServer = await startStripeTestServer({});
  settings = createStripeSettings(readStripeEnv({ NODE_ENV: "test", STRIPE_API_URL: stripeServer.url }), { maxNetworkRetries: 0 });
  catcher = await startMailCatcher({ smtpPort: await findFreePort(), httpPort: await findFreePort() });
  mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${catcher.smtpPort}`, from: "Marquee <tickets@marquee.local>" });
  filesDir = mkdtempSync(join(tmpdir(), "marquee-files-"));
  const documents = localOrderDocuments({ db: h.db, clock: systemClock, files: createLocalFileStore(filesDir), mailer, webUrl: "http://localhost:3000" });
  deps = { db: h.db, redis: h.redis, redisPrefix: h.redisPrefix, clock: systemClock, stripe: settings.client, ticketKeySecret: TEST_TICKET_KEY_SECRET, documents };
});
afterAll(async () => {
  mailer.close();
  await catcher.close();
  await stripeServer.stop();
  rmSync(filesDir, { recursive: true, force: true });
});

const caughtFor = async (to: string): Promise<CaughtMessageDetail[]> => {
  const list = (await (await fetch(`${catcher.httpUrl}/messages?to=${encodeURIComponent(to)}`)).json()) as { id: string }[];
  return Promise.all(list.map(async ({ id }) => (await (await fetch(`${catcher.httpUrl}/messages/${id}`)).json()) as CaughtMessageDetail));
};

/** Applies every Stripe event of the intent, as the payment worker would. */
async function applyEvents(intentId: string) {
  for (const event of stripeServer.events().filter((e) => (e.data.object as { id?: string }).id === intentId)) {
    await applyStripeEvent({ db: h.db, stripe: settings.client }, { eventId: event.id, type: event.type, objectId: intentId });
  }
}

/** A GA event and a PAID order of `quantity` tickets on it, through checkout, the SDK's confirm and the saga. */
async function paidOrder(quantity: number, name: string) {
  const { event, ticketType } = await h.make.gaEvent({ capacity: 10 });
  const cart = await kitCart(h);
  const email = `${name.toLowerCase().replace(/\W+/g, "-")}-${crypto.randomUUID()}@example.test`;
  const hold = await createHold(bookingDeps(h), cart, { admissionToken: null }, { eventId: event.id, items: [{ ticketTypeId: ticketType.id, quantity }] });
  const order = await checkout({ db: h.db, stripe: settings.client, clock: systemClock }, cart, { holdId: hold.id, buyer: { name, email }, locale: "en" });
  await settings.client.paymentIntents.confirm(order.paymentIntentId, { payment_method: "pm_card_visa" });
  await applyEvents(order.paymentIntentId);
  expect(await fulfilOrder(deps, order.id)).toBe("PAID");
  return { event, ticketType, email, order };
}

describe("fulfilOrder (the order saga)", () => {
  it("turns an authorised payment into a paid order with verifiable tickets, a captured payment, an invoice and one e-mail", async () => {
    const { event, ticketType } = await h.make.gaEvent({ capacity: 10 });
    const cart = await kitCart(h);
    const email = `buyer-${crypto.randomUUID()}@example.test`;
    const hold = await createHold(bookingDeps(h), cart, { admissionToken: null }, { eventId: event.id, items: [{ ticketTypeId: ticketType.id, quantity: 2 }] });
    const order = await checkout({ db: h.db, stripe: settings.client, clock: systemClock }, cart, { holdId: hold.id, buyer: { name: "Ada Lovelace", email }, locale: "en" });
    expect(await fulfilOrder(deps, order.id)).toBe("WAITING_FOR_PAYMENT");
    await settings.client.paymentIntents.confirm(order.paymentIntentId, { payment_method: "pm_card_visa" });
    await applyEvents(order.paymentIntentId);

    // Three runs at once: each finishes PAID, or (a run that finds another sending the e-mail right
    // now) fails with a retryable CONFLICT so its job runs again later; nothing happens twice.
    const outcomes = await Promise.allSettled([fulfilOrder(deps, order.id), fulfilOrder(deps, order.id), fulfilOrder(deps, order.id)]);
    for (const outcome of outcomes) {
      if (outcome.status === "fulfilled") expect(outcome.value).toBe("PAID");
      else expect(outcome.reason).toMatchObject({ code: "CONFLICT" });
    }
    expect(outcomes.some((outcome) => outcome.status === "fulfilled")).toBe(true);
    expect(await h.db.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: "PAID" });
    expect(stripeServer.paymentIntents().find((i) => i.id === order.paymentIntentId)).toMatchObject({ status: "succeeded", amount_received: 5000 });
    expect(await h.db.payment.findFirstOrThrow({ where: { orderId: order.id } })).toMatchObject({ status: "CAPTURED", capturedMinor: 5000 });

    const tickets = await h.db.ticket.findMany({ where: { orderId: order.id } });
    expect(tickets).toHaveLength(2);
    const keys = await eventVerificationKeys({ db: h.db }, event.id);
    for (const ticket of tickets) expect(await verifyTicketCode(ticket.signedCode, { keys, eventId: event.id, now: event.startsAt })).toMatchObject({ ok: true });

    const invoices = await h.db.invoice.findMany({ where: { orderId: order.id } });
    expect(invoices).toHaveLength(1);
    expect(invoices[0]!.pdfPath).toBeTruthy();

    const mail = await caughtFor(email);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.attachments.map((a) => a.contentType)).toEqual(["application/pdf", "application/pdf"]);
    // Again later: nothing new.
    expect(await fulfilOrder(deps, order.id)).toBe("PAID");
    expect(await h.db.ticket.count({ where: { orderId: order.id } })).toBe(2);
    expect(await caughtFor(email)).toHaveLength(1);
  });

  it("cancels the authorisation when a late payment finds the seat sold, takes no money, and says so", async () => {
    const { event, seatIds } = await seatedEvent(h);
    const cart = await kitCart(h);
    const email = `late-${crypto.randomUUID()}@example.test`;
    const hold = await createHold(bookingDeps(h), cart, { admissionToken: null }, { eventId: event.id, items: [{ seatId: seatIds[0]! }] });
    const order = await checkout({ db: h.db, stripe: settings.client, clock: systemClock }, cart, { holdId: hold.id, buyer: { name: "Late Buyer", email }, locale: "de" });
    await expireHold(bookingDeps(h, fixedClock(new Date(hold.expiresAt.getTime() + 1))), hold.id);
    await createHold(bookingDeps(h), await kitCart(h), { admissionToken: null }, { eventId: event.id, items: [{ seatId: seatIds[0]! }] });
    await settings.client.paymentIntents.confirm(order.paymentIntentId, { payment_method: "pm_card_visa" });
    await applyEvents(order.paymentIntentId);

    expect(await fulfilOrder(deps, order.id)).toBe("CANCELLED");
    expect(stripeServer.paymentIntents().find((i) => i.id === order.paymentIntentId)).toMatchObject({ status: "canceled", amount_received: 0 });
    expect(await h.db.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: "CANCELLED" });
    expect(await h.db.ticket.count({ where: { orderId: order.id } })).toBe(0);
    expect(await caughtFor(email)).toHaveLength(1);
    expect(await fulfilOrder(deps, order.id)).toBe("CANCELLED");
    expect(await caughtFor(email)).toHaveLength(1);
  });

  it("the reconciler finishes an order whose saga job was lost, and expires one nobody paid for", async () => {
    const { event, ticketType } = await h.make.gaEvent({ capacity: 10 });
    // The reconciler runs well after the holds ended.
    const later = { ...deps, clock: fixedClock(new Date(Date.now() + 20 * 60_000)) };
    // Authorised, but the payment.authorized job never ran.
    const paying = await kitCart(h);
    const email = `lost-${crypto.randomUUID()}@example.test`;
    const hold = await createHold(bookingDeps(h), paying, { admissionToken: null }, { eventId: event.id, items: [{ ticketTypeId: ticketType.id, quantity: 1 }] });
    const order = await checkout({ db: h.db, stripe: settings.client, clock: systemClock }, paying, { holdId: hold.id, buyer: { name: "Lost Job", email }, locale: "en" });
    await settings.client.paymentIntents.confirm(order.paymentIntentId, { payment_method: "pm_card_visa" });
    await applyEvents(order.paymentIntentId);
    // Checked out, never paid, hold long gone.
    const idle = await kitCart(h);
    const idleHold = await createHold(bookingDeps(h), idle, { admissionToken: null }, { eventId: event.id, items: [{ ticketTypeId: ticketType.id, quantity: 2 }] });
    const idleOrder = await checkout({ db: h.db, stripe: settings.client, clock: systemClock }, idle, { holdId: idleHold.id, buyer: { name: "Idle Buyer", email: "idle@example.test" }, locale: "en" });
    await expireHold(bookingDeps(h, fixedClock(new Date(idleHold.expiresAt.getTime() + 1))), idleHold.id);

    const result = await reconcileOrders(later, { eventId: event.id, graceMs: 1_000, unpaidAfterMs: 0 });
    expect(result.finished).toEqual({ [order.id]: "PAID" });
    expect(await caughtFor(email)).toHaveLength(1);
    expect(result.expired).toEqual([idleOrder.id]);
    expect(await h.db.order.findUniqueOrThrow({ where: { id: idleOrder.id } })).toMatchObject({ status: "EXPIRED" });
    expect(stripeServer.paymentIntents().find((i) => i.id === idleOrder.paymentIntentId)).toMatchObject({ status: "canceled" });
    // A late confirmation of the expired order's intent takes no money.
    await expect(settings.client.paymentIntents.confirm(idleOrder.paymentIntentId, { payment_method: "pm_card_visa" })).rejects.toThrow();
    // Nothing left to do the second time.
    expect(await reconcileOrders(later, { eventId: event.id, graceMs: 1_000, unpaidAfterMs: 0 })).toMatchObject({ finished: {}, expired: [], refunds: [], audit: { ok: true } });
  });

  it("refunds one ticket, then the rest: money back once, tickets revoked, stock back, credit notes, e-mails", async () => {
    const { event, ticketType, email, order } = await paidOrder(2, "Refund Me");
    const [first, second] = await h.db.ticket.findMany({ where: { orderId: order.id }, orderBy: { id: "asc" } });

    const partial = await refundOrder(deps, { orderId: order.id, ticketIds: [first!.id], reason: "cannot come" });
    expect(partial).toMatchObject({ amountMinor: 2500, orderStatus: "PARTIALLY_REFUNDED" });
    expect(await h.db.ticket.findUniqueOrThrow({ where: { id: first!.id } })).toMatchObject({ status: "REVOKED" });
    expect((await h.db.ticketType.findUniqueOrThrow({ where: { id: ticketType.id } })).soldCount).toBe(1);
    expect((await getAvailability(bookingDeps(h), event.id)).ticketTypes[0]!.available).toBe(9);
    await expect(refundOrder(deps, { orderId: order.id, ticketIds: [first!.id], reason: "again" })).rejects.toMatchObject({ code: "CONFLICT" });

    const rest = await refundOrder(deps, { orderId: order.id, reason: "event moved" });
    expect(rest).toMatchObject({ amountMinor: 2500, orderStatus: "REFUNDED" });
    expect(await h.db.ticket.findUniqueOrThrow({ where: { id: second!.id } })).toMatchObject({ status: "REVOKED" });
    expect(await h.db.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: "REFUNDED", refundedMinor: 5000 });
    expect(stripeServer.refunds().filter((r) => r.payment_intent === order.paymentIntentId).map((r) => r.amount)).toEqual([2500, 2500]);
    expect(await h.db.invoice.count({ where: { orderId: order.id, kind: "CREDIT_NOTE" } })).toBe(2);
    expect(await h.db.orderLine.findMany({ where: { orderId: order.id }, select: { status: true } })).toEqual([{ status: "REFUNDED" }]);
    expect((await getAvailability(bookingDeps(h), event.id)).ticketTypes[0]!.available).toBe(10);
    expect(await caughtFor(email)).toHaveLength(3);
    await expect(refundOrder(deps, { orderId: order.id, reason: "nothing left" })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("finishes a refund whose Stripe answer was lost: one Stripe refund, completed by the reconciler", async () => {
    const { event, order } = await paidOrder(1, "Crash Refund");
    // Stripe makes the refund, the answer is lost twice (the SDK's own retry included).
    stripeServer.dropResponses(2, { method: "POST", path: "/v1/refunds" });
    await expect(refundOrder(deps, { orderId: order.id, reason: "crash" })).rejects.toThrow();
    expect(await h.db.refund.findFirstOrThrow({ where: { orderId: order.id } })).toMatchObject({ status: "PENDING" });
    const later = { ...deps, clock: fixedClock(new Date(Date.now() + 5 * 60_000)) };
    const result = await reconcileOrders(later, { eventId: event.id, unpaidAfterMs: 0 });
    expect(result.refunds).toHaveLength(1);
    expect(await h.db.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: "REFUNDED", refundedMinor: 2500 });
    expect(stripeServer.refunds().filter((r) => r.payment_intent === order.paymentIntentId)).toHaveLength(1);
  });

  it("takes an organiser's refund request through tRPC: only the organisation's refunders, reserved with its outbox event, completed by the worker's step", async () => {
    const { event, email, order } = await paidOrder(2, "Box Office Refund");
    const [ticket] = await h.db.ticket.findMany({ where: { orderId: order.id }, orderBy: { id: "asc" } });
    const organizationId = event.organizationId;
    const boxOffice = await h.callerAs((await h.make.member(organizationId, "BOX_OFFICE")).id);
    const agent = await h.callerAs((await h.make.member(organizationId, "SUPPORT_AGENT")).id);
    const other = await h.make.organization();
    const otherAdmin = await h.callerAs((await h.make.member(other.id, "ADMIN")).id);
    const request = { organizationId, orderId: order.id, ticketIds: [ticket!.id], reason: "double booking" };

    // Refused, with nothing written: a role without refunds, another organisation, bad input.
    await expect(agent.order.refund(request)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(otherAdmin.order.refund(request)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(otherAdmin.order.refund({ ...request, organizationId: other.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(boxOffice.order.refund({ ...request, reason: "  " })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(boxOffice.order.refund({ ...request, ticketIds: [crypto.randomUUID()] })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await h.db.refund.count({ where: { orderId: order.id } })).toBe(0);
    expect(await h.db.outboxEvent.count({ where: { topic: "refund.requested", payload: { path: ["orderId"], equals: order.id } } })).toBe(0);

    const requested = await boxOffice.order.refund(request);
    expect(requested).toMatchObject({ orderId: order.id, amountMinor: 2500, ticketIds: [ticket!.id], status: "PENDING" });
    // The ticket is in a pending refund: it cannot be refunded twice.
    await expect(boxOffice.order.refund(request)).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await h.db.outboxEvent.findMany({ where: { topic: "refund.requested", aggregateId: requested.refundId }, select: { payload: true } })).toEqual([{ payload: { refundId: requested.refundId, orderId: order.id } }]);
    expect(await h.db.auditLog.count({ where: { action: "refund.create", targetId: order.id, organizationId } })).toBe(1);
    expect(await agent.order.refunds({ organizationId, orderId: order.id })).toEqual([expect.objectContaining({ id: requested.refundId, status: "PENDING" })]);

    // What the payment worker's refund.requested job runs; twice, as a redelivered job would.
    await completeRefund(deps, requested.refundId);
    await completeRefund(deps, requested.refundId);
    expect(await agent.order.refunds({ organizationId, orderId: order.id })).toEqual([expect.objectContaining({ id: requested.refundId, status: "SUCCEEDED" })]);
    expect(await h.db.ticket.findUniqueOrThrow({ where: { id: ticket!.id } })).toMatchObject({ status: "REVOKED" });
    expect(stripeServer.refunds().filter((r) => r.payment_intent === order.paymentIntentId).map((r) => r.amount)).toEqual([2500]);
    expect(await h.db.invoice.count({ where: { orderId: order.id, kind: "CREDIT_NOTE" } })).toBe(1);
    expect(await caughtFor(email)).toHaveLength(2);
  });

  it("audits the invariants: a paid order without a captured payment or its tickets is reported", async () => {
    const { event, order } = await paidOrder(1, "Audit");
    const later = new Date(Date.now() + 5 * 60_000);
    expect(await auditOrders(h.db, { eventId: event.id, now: later })).toMatchObject({ ok: true });

    // Break it the way a bug would: the payment back to AUTHORIZED, a ticket gone.
    await h.db.payment.updateMany({ where: { orderId: order.id }, data: { status: "AUTHORIZED" } });
    expect(await auditOrders(h.db, { eventId: event.id, now: later })).toMatchObject({ ok: false, paidWithoutCapture: [order.id], ticketsWithoutPayment: [order.id] });
    // The reconciler's two-day window sees it too; a window that ended before it does not.
    expect(await auditOrders(h.db, { eventId: event.id, now: later, sinceMs: 48 * 3_600_000 })).toMatchObject({ ok: false, paidWithoutCapture: [order.id] });
    expect(await auditOrders(h.db, { eventId: event.id, now: new Date(later.getTime() + 3 * 86_400_000), sinceMs: 48 * 3_600_000 })).toMatchObject({ ok: true });
    await h.db.payment.updateMany({ where: { orderId: order.id }, data: { status: "CAPTURED" } });
    await h.db.ticket.deleteMany({ where: { orderId: order.id } });
    expect(await auditOrders(h.db, { eventId: event.id, now: later })).toMatchObject({ ok: false, capturedWithoutTickets: [order.id], paidWithoutCapture: [] });
  });

  it("checks Stripe's listing: a payment whose webhooks were all lost is finished, money held for an expired order is released", async () => {
    const { event, ticketType } = await h.make.gaEvent({ capacity: 10 });
    const checkoutOne = async (name: string) => {
      const cart = await kitCart(h);
      const hold = await createHold(bookingDeps(h), cart, { admissionToken: null }, { eventId: event.id, items: [{ ticketTypeId: ticketType.id, quantity: 1 }] });
      const order = await checkout({ db: h.db, stripe: settings.client, clock: systemClock }, cart, { holdId: hold.id, buyer: { name, email: `stripe-check-${crypto.randomUUID()}@example.test` }, locale: "en" });
      await settings.client.paymentIntents.confirm(order.paymentIntentId, { payment_method: "pm_card_visa" });
      return order;
    };
    // Authorised at Stripe, but not one webhook arrived.
    const lost = await checkoutOne("Lost Webhooks");
    // Authorised at Stripe, but EXPIRED here (as a crash between the two could leave it).
    const stale = await checkoutOne("Expired Here");
    await h.db.order.update({ where: { id: stale.id }, data: { status: "EXPIRED" } });

    const later = { ...deps, clock: fixedClock(new Date(Date.now() + 5 * 60_000)) };
    const result = await reconcileOrders(later, { eventId: event.id, unpaidAfterMs: 60 * 60_000 });
    expect(result.stripe).toEqual({ synced: [lost.id], released: [stale.id], unknown: [] });
    expect(result.finished).toEqual({ [lost.id]: "PAID" });
    expect(await h.db.order.findUniqueOrThrow({ where: { id: lost.id } })).toMatchObject({ status: "PAID" });
    expect(stripeServer.paymentIntents().find((i) => i.id === lost.paymentIntentId)).toMatchObject({ status: "succeeded" });
    expect(stripeServer.paymentIntents().find((i) => i.id === stale.paymentIntentId)).toMatchObject({ status: "canceled" });
    expect(result.audit.ok).toBe(true);
    // Nothing left the second time.
    expect((await reconcileOrders(later, { eventId: event.id, unpaidAfterMs: 60 * 60_000 })).stripe).toEqual({ synced: [], released: [], unknown: [] });
  });

  it("gives the buyer and the organiser the tickets and signed, expiring PDF links; forged and old links are refused", async () => {
    const { event, order } = await paidOrder(2, "Document Buyer");
    const cartRow = await h.db.order.findUniqueOrThrow({ where: { id: order.id }, select: { cartId: true } });
    const cart = { id: cartRow.cartId!, userId: null, expiresAt: new Date(Date.now() + 3_600_000) };
    const seen = await getOrder({ db: h.db, clock: systemClock }, cart, order.id);
    expect(seen.tickets).toHaveLength(2);
    expect(seen.tickets.every((ticket) => ticket.status === "VALID" && ticket.signedCode.length > 100)).toBe(true);
    expect(seen.documents).toMatchObject({ ticketsPdf: expect.stringMatching(/^\/api\/documents\/v1\./), invoices: [{ kind: "INVOICE", pdf: expect.any(String) }] });
    // Another cart sees nothing.
    await expect(getOrder({ db: h.db, clock: systemClock }, { ...cart, id: crypto.randomUUID() }, order.id)).rejects.toMatchObject({ code: "NOT_FOUND" });

    const files = createLocalFileStore(filesDir);
    const token = (path: string) => documentToken(path)!;
    for (const path of [seen.documents!.ticketsPdf!, seen.documents!.invoices[0]!.pdf]) {
      const response = await handleDocumentDownload({ db: h.db, files }, "GET", token(path));
      expect(response.status).toBe(200);
      expect(response.headers["content-type"]).toBe("application/pdf");
      expect((response.body as Buffer).subarray(0, 5).toString()).toBe("%PDF-");
    }
    // Forged (another order's id under this signature), and expired.
    const [, payload, signature] = token(seen.documents!.ticketsPdf!).split(".");
    const forgedPayload = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, "base64url").toString()), i: crypto.randomUUID() })).toString("base64url");
    expect((await handleDocumentDownload({ db: h.db, files }, "GET", `v1.${forgedPayload}.${signature}`)).status).toBe(404);
    const later = fixedClock(new Date(Date.now() + 2 * 3_600_000));
    const expired = await handleDocumentDownload({ db: h.db, files, clock: later }, "GET", token(seen.documents!.ticketsPdf!));
    expect(expired.status).toBe(410);
    expect(JSON.parse(expired.body as string)).toMatchObject({ error: { code: "LINK_EXPIRED" } });

    // The organiser's console: the same order with its links; another organisation's member is refused.
    const agent = await h.callerAs((await h.make.member(event.organizationId, "SUPPORT_AGENT")).id);
    expect(await agent.order.byId({ organizationId: event.organizationId, orderId: order.id })).toMatchObject({ id: order.id, tickets: [expect.anything(), expect.anything()], documents: { ticketsPdf: expect.any(String) } });
    const other = await h.make.organization();
    const stranger = await h.callerAs((await h.make.member(other.id, "OWNER")).id);
    await expect(stranger.order.byId({ organizationId: other.id, orderId: order.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

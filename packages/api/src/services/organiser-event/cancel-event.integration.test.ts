// Cancelling an event with paid orders: one refund per order through the saga, the buyer's
// e-mail once, progress counts; a rerun of the job (crash, retry) refunds nothing twice.
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import type Stripe from "stripe";
import { systemClock } from "../../clock.ts";
import { useHarness } from "../../testing/harness.ts";
import { bookingDeps, kitCart } from "../booking/booking-test-kit.ts";
import { createHold } from "../booking/create-hold.ts";
import { checkout } from "../checkout/checkout.ts";
import { fulfilOrder } from "../fulfilment/fulfil-order.ts";
import { useFulfilmentKit } from "../fulfilment/fulfilment-test-kit.ts";
import { completeRefund } from "../refunds/refund-order.ts";
import { refundCancelledEvent } from "./cancel-event.ts";
import { sendEventCancelledEmail } from "./event-cancelled-email.ts";

const h = useHarness();
const kit = useFulfilmentKit(h);

describe("event.cancel", () => {
  it("refunds every paid order once, tells each buyer once, and shows the progress", async () => {
    const { event, email, order } = await kit.paidOrder(2, "Cancelled Buyer");
    const owner = await h.make.member(event.organizationId, "OWNER");
    const caller = await h.callerAs(owner.id, { app: "admin" });

    const cancelled = await caller.event.cancel({ organizationId: event.organizationId, eventId: event.id, reason: "The band is ill." });
    expect(cancelled).toMatchObject({ status: "CANCELLED", progress: { orders: 1, refunded: 0, pending: 0, waiting: 1 } });
    expect(await h.db.outboxEvent.count({ where: { topic: "event.cancelled", aggregateId: event.id } })).toBe(1);
    expect(await h.db.auditLog.count({ where: { action: "event.cancel", targetId: event.id } })).toBe(1);
    // Again: nothing new (no second outbox event, no second audit entry).
    await caller.event.cancel({ organizationId: event.organizationId, eventId: event.id, reason: "again" });
    expect(await h.db.outboxEvent.count({ where: { topic: "event.cancelled", aggregateId: event.id } })).toBe(1);

    // The job, twice (at-least-once delivery): one refund, one notice.
    expect(await refundCancelledEvent(h.db, event.id)).toEqual({ requested: 1, skipped: 0 });
    expect(await refundCancelledEvent(h.db, event.id)).toEqual({ requested: 0, skipped: 1 });
    const refunds = await h.db.refund.findMany({ where: { orderId: order.id } });
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({ status: "PENDING", ticketIds: expect.arrayContaining([expect.any(String)]) });
    expect(await h.db.outboxEvent.count({ where: { topic: "event.cancelled-notice", aggregateId: order.id } })).toBe(1);
    expect((await caller.event.detail({ organizationId: event.organizationId, eventId: event.id })).progress).toEqual({
      orders: 1,
      refunded: 0,
      pending: 1,
      waiting: 0,
      paidAtDoor: 0,
    });

    // The payment worker completes the refund; the notification worker sends the notice (once).
    await completeRefund(kit.deps, refunds[0]!.id);
    expect(await sendEventCancelledEmail({ db: h.db, mailer: kit.mailer, webUrl: "http://localhost:3000" }, order.id)).toBe(true);
    expect(await sendEventCancelledEmail({ db: h.db, mailer: kit.mailer, webUrl: "http://localhost:3000" }, order.id)).toBe(false);
    expect((await caller.event.detail({ organizationId: event.organizationId, eventId: event.id })).progress).toEqual({
      orders: 1,
      refunded: 1,
      pending: 0,
      waiting: 0,
      paidAtDoor: 0,
    });
    const subjects = (await kit.caughtFor(email)).map((m) => m.subject);
    expect(subjects.filter((s) => s.startsWith("Cancelled:"))).toHaveLength(1);
    expect(kit.stripeServer.refunds().filter((r) => r.payment_intent === order.paymentIntentId)).toHaveLength(1);
    expect(await refundCancelledEvent(h.db, event.id)).toEqual({ requested: 0, skipped: 0 });
  });
});

/** A GA order whose payment Stripe has authorised, its saga not run yet (the buyer is paying). */
async function authorisedOrder(name: string) {
  const { event, ticketType } = await h.make.gaEvent({ capacity: 10 });
  const cart = await kitCart(h);
  const email = `${name}-${crypto.randomUUID()}@example.test`;
  const hold = await createHold(bookingDeps(h), cart, { admissionToken: null }, { eventId: event.id, items: [{ ticketTypeId: ticketType.id, quantity: 2 }] });
  const order = await checkout({ db: h.db, stripe: kit.settings.client, clock: systemClock }, cart, { holdId: hold.id, buyer: { name, email }, locale: "en" });
  await kit.settings.client.paymentIntents.confirm(order.paymentIntentId, { payment_method: "pm_card_visa" });
  await kit.applyEvents(order.paymentIntentId);
  const owner = await h.callerAs((await h.make.member(event.organizationId, "OWNER")).id, { app: "admin" });
  const cancel = () => owner.event.cancel({ organizationId: event.organizationId, eventId: event.id, reason: "Storm damage." });
  return { event, order, email, cancel };
}

describe("orders paid while their event is cancelled", () => {
  it("an authorised payment of a cancelled event takes no money: authorisation released, no tickets, the cancellation notice once", async () => {
    const { event, order, cancel } = await authorisedOrder("paying");
    await cancel();
    // The cancellation job runs first and finds nothing paid to refund.
    expect(await refundCancelledEvent(h.db, event.id)).toEqual({ requested: 0, skipped: 0 });
    expect(await fulfilOrder(kit.deps, order.id)).toBe("CANCELLED");
    expect(await fulfilOrder(kit.deps, order.id)).toBe("CANCELLED");
    expect(kit.stripeServer.paymentIntents().find((i) => i.id === order.paymentIntentId)).toMatchObject({ status: "canceled", amount_received: 0 });
    expect(await h.db.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: "CANCELLED" });
    expect(await h.db.ticket.count({ where: { orderId: order.id } })).toBe(0);
    expect(await h.db.outboxEvent.count({ where: { topic: "event.cancelled-notice", aggregateId: order.id } })).toBe(1);
  });

  it("a payment captured as the event is cancelled is refunded by the saga itself, and the job does not refund it twice", async () => {
    const { event, order, cancel } = await authorisedOrder("racing");
    // The organiser cancels between the saga's check and its capture: the capture still happens.
    const stripe = kit.deps.stripe;
    const intents = Object.create(stripe.paymentIntents) as Stripe["paymentIntents"];
    intents.capture = async (id: string, params?: Stripe.PaymentIntentCaptureParams, options?: Stripe.RequestOptions) => {
      await cancel();
      return stripe.paymentIntents.capture(id, params, options);
    };
    const racing = Object.assign(Object.create(stripe) as Stripe, { paymentIntents: intents });
    expect(await fulfilOrder({ ...kit.deps, stripe: racing }, order.id)).toBe("PAID");
    const refunds = await h.db.refund.findMany({ where: { orderId: order.id } });
    expect(refunds).toHaveLength(1);
    expect(refunds[0]!.ticketIds).toHaveLength(2);
    expect(await h.db.outboxEvent.count({ where: { topic: "event.cancelled-notice", aggregateId: order.id } })).toBe(1);
    expect(await refundCancelledEvent(h.db, event.id)).toEqual({ requested: 0, skipped: 1 });
    await completeRefund(kit.deps, refunds[0]!.id);
    expect(await h.db.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: "REFUNDED" });
    expect(kit.stripeServer.refunds().filter((r) => r.payment_intent === order.paymentIntentId)).toHaveLength(1);
  });
});

describe("vouchers", () => {
  it("generates N codes with a prefix as CSV, lists them with usage, and a hidden type needs a code that names it", async () => {
    const { event, ticketType } = await h.make.gaEvent();
    const owner = await h.make.member(event.organizationId, "ADMIN");
    const caller = await h.callerAs(owner.id, { app: "admin" });
    const organizationId = event.organizationId;
    const hidden = await caller.ticketType.create({
      organizationId,
      eventId: event.id,
      name: "Crew",
      capacity: 5,
      priceMinor: 1000,
      hiddenUnlessVoucher: true,
    });
    const generated = await caller.voucher.generate({
      organizationId,
      eventId: event.id,
      prefix: "SPRING-",
      count: 25,
      kind: "PERCENT",
      amount: 1500,
      maxRedemptions: 1,
    });
    expect(generated.count).toBe(25);
    expect(new Set(generated.codes).size).toBe(25);
    const rows = parse(generated.csv, { columns: true }) as { code: string; kind: string; amount: string; max_redemptions: string }[];
    expect(rows).toHaveLength(25);
    expect(rows[0]).toMatchObject({ kind: "PERCENT", amount: "1500", max_redemptions: "1" });
    for (const row of rows) expect(row.code).toMatch(/^SPRING-[A-HJ-NP-Z2-9]{8}$/);

    const unlock = await caller.voucher.create({
      organizationId,
      eventId: event.id,
      code: "crew-pass",
      kind: "FIXED",
      amount: 1000,
      ticketTypeIds: [hidden.id],
    });
    expect(unlock).toMatchObject({ code: "CREW-PASS", currency: "EUR" });
    await expect(caller.voucher.create({ organizationId, eventId: event.id, code: "CREW-PASS", kind: "FIXED", amount: 1 })).rejects.toMatchObject({
      cause: { code: "CONFLICT" },
    });
    await expect(caller.voucher.create({ organizationId, eventId: event.id, code: "TOO-MUCH", kind: "PERCENT", amount: 10_001 })).rejects.toMatchObject({
      cause: { code: "VALIDATION_ERROR" },
    });
    const page = await caller.voucher.list({ organizationId, eventId: event.id, limit: 20 });
    expect(page.items).toHaveLength(20);
    expect(page.nextCursor).not.toBeNull();

    const shop = await (await h.callerAs(null)).event.get({ idOrSlug: event.id });
    expect(shop.ticketTypes.map((t) => t.id)).toEqual([ticketType.id]);
  });
});

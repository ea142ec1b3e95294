// Crash faults through the real processes: the five workers run as their own processes (tsx
// src/main.ts <role>) against PostgreSQL, Redis, the local Stripe server and an SMTP catcher.
// Orders are bought in waves; during each wave one worker is killed with SIGKILL while it has
// work in hand (payment: running saga jobs; invoice: in the middle of a wave's IssueInvoice
// calls; notification: in the middle of its e-mails; booking: with the wave's outbox events;
// analytics: while jobs report to it), then started again. After recovery:
//   every captured payment has its tickets and every ticket its money (auditOrders),
//   invoice numbers are 1..N without gaps or duplicates, one e-mail (one Message-ID) per order.
import { systemClock } from "@marquee/api/clock";
import { paymentStripeEvent, QUEUE_NAMES, type QueueClient, stripeEventJobId } from "@marquee/api/jobs";
import { createHold } from "@marquee/api/services/booking/create-hold";
import { createCart } from "@marquee/api/services/cart/create-cart";
import { checkout } from "@marquee/api/services/checkout/checkout";
import { auditOrders } from "@marquee/api/services/fulfilment/audit-orders";
import { createStripeSettings, type StripeSettings } from "@marquee/api/services/payments/stripe-client";
import { readStripeEnv } from "@marquee/api/env";
import { type Db } from "@marquee/db";
import { createFactories } from "@marquee/db/testing";
import { type Queue } from "bullmq";
import type { RedisClient } from "@marquee/api/lib/redis-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TRole } from "../src/env.ts";
import { createQueue } from "../src/jobs/queues.ts";
import { eventually, killAll, uniquePrefix } from "./testing/processes.ts";
import { closeStackClients, connectStackClients, startWorkerStack, type TWorkerStack } from "./testing/worker-stack.ts";

const WAVE = 6;
const prefix = uniquePrefix("faults");
let db: Db;
let redis: RedisClient;
let queues: QueueClient;
let paymentQueue: Queue;
let stack: TWorkerStack;
let stripe: StripeSettings;

beforeAll(async () => {
  ({ db, redis, queues } = connectStackClients(prefix));
  paymentQueue = createQueue(QUEUE_NAMES.payment, redis, prefix);
  // Short enough that recovery happens within the test: a dead worker's jobs come back after
  // 3 s, the reconciler runs every 5 s, a dead sender's e-mail key is free again after 5 s.
  stack = await startWorkerStack(prefix, { JOB_LOCK_SECONDS: "3", RECONCILE_EVERY_SECONDS: "5", MAIL_LEASE_SECONDS: "5" });
  stripe = createStripeSettings(readStripeEnv({ NODE_ENV: "test", STRIPE_API_URL: stack.stripeServer.url }), { maxNetworkRetries: 0 });
}, 60_000);

afterAll(async () => {
  killAll();
  await stack?.stop();
  await paymentQueue?.close();
  await closeStackClients({ db, redis, queues }, prefix);
});

/** A buyer's purchase up to the card authorised, and the Stripe events queued as the webhook endpoint queues them. */
async function buy(eventId: string, ticketTypeId: string, email: string) {
  const deps = { db, redis, redisPrefix: prefix, clock: systemClock, queues };
  const created = await createCart(deps, null);
  const cart = { id: created.cartId, userId: null, expiresAt: created.expiresAt };
  const hold = await createHold(deps, cart, { admissionToken: null }, { eventId, items: [{ ticketTypeId, quantity: 2 }] });
  const order = await checkout({ db, stripe: stripe.client, clock: systemClock }, cart, {
    holdId: hold.id,
    buyer: { name: "Fault Buyer", email },
    locale: "en",
  });
  await stripe.client.paymentIntents.confirm(order.paymentIntentId, { payment_method: "pm_card_visa" });
  for (const stripeEvent of stack.stripeServer.events().filter((e) => (e.data.object as { id?: string }).id === order.paymentIntentId)) {
    await queues.add(
      paymentStripeEvent,
      { eventId: stripeEvent.id, type: stripeEvent.type, objectId: order.paymentIntentId },
      { jobId: stripeEventJobId(stripeEvent.id) },
    );
  }
  return order;
}

const mailTo = (email: string) => stack.mailTo(email);

describe("kill -9 of each worker in the middle of its work", () => {
  it("ends with every payment's tickets, gap-free invoices and one e-mail per order", async () => {
    const { event, ticketType } = await createFactories(db).gaEvent({ capacity: 200 });
    const orders: { id: string; email: string; paymentIntentId: string }[] = [];

    /** One wave of orders; `killWhen` is polled every 5 ms and the role is killed once it holds. */
    async function oneWave(role: TRole, killWhen: (emails: string[], orderIds: string[]) => Promise<boolean>) {
      const emails = Array.from({ length: WAVE }, () => `fault-${role}-${crypto.randomUUID()}@example.test`);
      const placed = await Promise.all(emails.map(async (email) => ({ ...(await buy(event.id, ticketType.id, email)), email })));
      orders.push(...placed.map((order) => ({ id: order.id, email: order.email, paymentIntentId: order.paymentIntentId })));
      const ids = placed.map((order) => order.id);
      // A tight poll: a wave's invoices or e-mails take a few hundred ms in all.
      const deadline = Date.now() + 20_000;
      let hit = false;
      while (!(hit = await killWhen(emails, ids)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
      return { hit, emails, ids };
    }

    /**
     * Waves until one gives the moment to kill `role` (at most three): on a loaded machine a
     * wave's work can finish between two polls. Orders of a missed wave still count below.
     */
    async function wave(role: TRole, killWhen: (emails: string[], orderIds: string[]) => Promise<boolean>) {
      let attempt = await oneWave(role, killWhen);
      for (let tries = 1; !attempt.hit && tries < 3; tries += 1) {
        console.info(`${role}: missed the moment to kill it in wave ${tries}, buying another wave`);
        attempt = await oneWave(role, killWhen);
      }
      const { hit, emails, ids } = attempt;
      expect(hit, `${role}: the moment to kill it never came in three waves`).toBe(true);
      await stack.killAndRestart(role);
      // Shows the kill landed mid-wave: how much of the wave was done when it died.
      const [paidAtKill, invoicedAtKill] = await Promise.all([
        db.order.count({ where: { id: { in: ids }, status: "PAID" } }),
        db.invoice.count({ where: { orderId: { in: ids } } }),
      ]);
      console.info(
        `killed ${role}: wave of ${WAVE}, ${paidAtKill} paid, ${invoicedAtKill} invoiced, ${emails.filter((email) => mailTo(email).length > 0).length} e-mailed by the restart`,
      );
    }

    // The booking worker's outbox relay: killed as soon as the wave's payment.authorized events exist.
    await wave("booking", async (_, ids) => (await db.outboxEvent.count({ where: { topic: "payment.authorized", aggregateId: { in: ids } } })) > 0);
    // The payment worker with saga jobs running.
    await wave("payment", async () => (await paymentQueue.getActiveCount()) > 0);
    // The invoice worker between the wave's first invoice and its last.
    await wave("invoice", async (_, ids) => {
      const issued = await db.invoice.count({ where: { orderId: { in: ids } } });
      return issued > 0 && issued < WAVE;
    });
    // The notification worker between the wave's first e-mail and its last.
    await wave("notification", async (emails) => {
      const sent = emails.filter((email) => mailTo(email).length > 0).length;
      return sent > 0 && sent < WAVE;
    });
    // The analytics worker, which every finished job reports to.
    await wave("analytics", async () => (await paymentQueue.getActiveCount()) > 0);

    // Recovery: job retries, stalled-job pick-up and the reconciler finish every order.
    const ids = orders.map((order) => order.id);
    const paid = await eventually(
      () => db.order.count({ where: { id: { in: ids }, status: "PAID" } }),
      (count) => count === ids.length,
      120_000,
    );
    expect(paid).toBe(ids.length);
    const mailed = await eventually(
      async () => orders.filter((order) => mailTo(order.email).length > 0).length,
      (count) => count === orders.length,
      60_000,
    );
    expect(mailed).toBe(orders.length);

    const jobs = await paymentQueue.getJobs(["completed", "failed"]);
    const reasons = jobs
      .filter((job) => job.failedReason)
      .reduce(
        (count, job) => count.set(`${job.name}: ${job.failedReason.slice(0, 80)}`, (count.get(`${job.name}: ${job.failedReason.slice(0, 80)}`) ?? 0) + 1),
        new Map<string, number>(),
      );
    console.info("payment job failures:", Object.fromEntries(reasons));
    console.info(
      `payment jobs: ${jobs.length}, retried after a failure or a crash: ${jobs.filter((job) => job.attemptsMade > 1 || (job.stalledCounter ?? 0) > 0).length}, failed for good: ${jobs.filter((job) => job.finishedOn && job.failedReason).length}`,
    );

    // Never money without tickets, never tickets without money, every paid order invoiced.
    const audit = await auditOrders(db, { eventId: event.id, graceMs: 0 });
    expect(audit).toMatchObject({ ok: true });
    expect(await db.ticket.count({ where: { orderId: { in: ids }, status: "VALID" } })).toBe(ids.length * 2);
    for (const order of orders) {
      const intent = stack.stripeServer.paymentIntents().find((candidate) => candidate.id === order.paymentIntentId)!;
      expect(intent).toMatchObject({ status: "succeeded", amount_received: 5_000 });
    }
    expect(stack.stripeServer.paymentIntents().filter((intent) => (intent.metadata as Record<string, string>).eventId === event.id)).toHaveLength(ids.length);

    // Invoice numbers of the (fresh) organisation: exactly 1..N.
    const numbers = (await db.invoice.findMany({ where: { organizationId: event.organizationId }, select: { number: true }, orderBy: { number: "asc" } })).map(
      (invoice) => invoice.number,
    );
    expect(numbers).toEqual(Array.from({ length: ids.length }, (_, index) => index + 1));

    // One e-mail per order: a re-send after a crash mid-SMTP carries the same Message-ID, so a
    // mail client shows one message; count distinct Message-IDs per buyer.
    for (const order of orders) {
      const messageIds = new Set(mailTo(order.email).map((message) => message.headers["message-id"]));
      expect(messageIds.size, order.email).toBe(1);
      expect(mailTo(order.email)[0]!.attachments.map((attachment) => attachment.contentType)).toEqual(["application/pdf", "application/pdf"]);
    }
  }, 300_000);
});

// The purchase through the workers, in process with real BullMQ workers: Stripe events (as the
// webhook endpoint queues them) -> payment worker applies them -> AUTHORIZED writes
// payment.authorized to the outbox -> the booking worker's relay publishes it -> the payment
// worker runs the order saga: PAID, tickets, captured, invoice, one e-mail.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { systemClock } from "@marquee/api/clock";
import { readFulfilmentEnv, readStripeEnv } from "@marquee/api/env";
import { createQueueClient, DEAD_LETTER_QUEUE, paymentStripeEvent, QUEUE_NAMES, type QueueClient, stripeEventJobId } from "@marquee/api/jobs";
import { createHold } from "@marquee/api/services/booking/create-hold";
import { createCart } from "@marquee/api/services/cart/create-cart";
import { checkout } from "@marquee/api/services/checkout/checkout";
import { createStripeSettings, type StripeSettings } from "@marquee/api/services/payments/stripe-client";
import { createDb, type Db } from "@marquee/db";
import { createFactories, TEST_TICKET_KEY_SECRET, testDatabaseUrl } from "@marquee/db/testing";
import { startMailCatcher, type MailCatcher } from "@marquee/dev/services/mail-catcher";
import { findFreePort } from "@marquee/dev/services/net";
import { startStripeTestServer, type StripeTestServer } from "@marquee/dev/services/stripe-local/index";
import { type Queue, type Worker } from "bullmq";
import type { RedisClient } from "@marquee/api/lib/redis-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, uniquePrefix } from "../../test/testing/processes.ts";
import { connectTestRedis, deleteKeysWithPrefix } from "../../test/testing/redis-keys.ts";
import { createQueue } from "../jobs/queues.ts";
import { createJobWorker } from "../jobs/worker.ts";
import { createLogger } from "../runtime/logger.ts";
import { createMetrics } from "../runtime/metrics.ts";
import { status as Status } from "@grpc/grpc-js";
import { InvoiceServiceClient, InvoiceServiceService } from "@marquee/proto/v1/invoice";
import { createServiceClient } from "../runtime/grpc-client/index.ts";
import { createGrpcServer, type TGrpcServer } from "../runtime/grpc-server.ts";
import { createOrderDocumentsClient } from "../runtime/order-documents-client.ts";
import { createBookingRole } from "./booking.ts";
import { createInvoiceRole } from "./invoice.ts";
import { createNotificationRole } from "./notification.ts";
import { createPaymentRole } from "./payment.ts";
import { sellAtBoxOffice } from "@marquee/api/services/box-office/sell-at-box-office";
import { type TRoleModule } from "./types.ts";

let db: Db;
let redis: RedisClient;
let prefix: string;
let queues: QueueClient;
let stripeServer: StripeTestServer;
let stripe: StripeSettings;
let catcher: MailCatcher;
let filesDir = "";
let paidOrderId = "";
let addresses = { invoice: "", notification: "" };
const roles: TRoleModule[] = [];
const workers: Worker[] = [];
const opened: Queue[] = [];
const servers: TGrpcServer[] = [];

beforeAll(async () => {
  db = createDb(testDatabaseUrl(), { max: 4 });
  redis = connectTestRedis();
  prefix = uniquePrefix("payment");
  queues = createQueueClient(redis, prefix);
  stripeServer = await startStripeTestServer({});
  stripe = createStripeSettings(readStripeEnv({ NODE_ENV: "test", STRIPE_API_URL: stripeServer.url }), { maxNetworkRetries: 0 });
  catcher = await startMailCatcher({ smtpPort: await findFreePort(), httpPort: await findFreePort() });
  filesDir = mkdtempSync(join(tmpdir(), "marquee-worker-files-"));
  const logger = createLogger("test", "silent");
  const deadLetter = createQueue(DEAD_LETTER_QUEUE, redis, prefix);
  opened.push(deadLetter);
  const fulfilment = readFulfilmentEnv({
    SMTP_URL: `smtp://127.0.0.1:${catcher.smtpPort}`,
    FILE_STORAGE_DIR: filesDir,
    TICKET_KEY_SECRET: TEST_TICKET_KEY_SECRET,
  });
  // The invoice and notification workers' gRPC services, which the payment role's saga calls.
  addresses = { invoice: "", notification: "" };
  for (const [name, create] of [
    ["invoice", createInvoiceRole],
    ["notification", createNotificationRole],
  ] as const) {
    const queue = createQueue(QUEUE_NAMES[name], redis, prefix);
    opened.push(queue);
    const role = create({ role: name, logger, redis, prefix, queue, databaseUrl: testDatabaseUrl(), fulfilment });
    roles.push(role);
    const server = createGrpcServer(logger, createMetrics("test"));
    server.addService(role.service.definition, role.service.implementation);
    addresses[name] = `127.0.0.1:${await server.bind("127.0.0.1:0", "TEST_PORT")}`;
    servers.push(server);
  }
  for (const [name, create] of [
    ["payment", createPaymentRole],
    ["booking", createBookingRole],
  ] as const) {
    const queue = createQueue(QUEUE_NAMES[name], redis, prefix);
    opened.push(queue);
    const role = create({ role: name, logger, redis, prefix, queue, databaseUrl: testDatabaseUrl(), stripe, fulfilment, addresses });
    roles.push(role);
    await role.start?.();
    workers.push(createJobWorker({ registry: role.jobs, connection: redis, prefix, deadLetter, metrics: createMetrics("test"), logger }));
  }
});
afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.close()));
  for (const role of roles) await role.close?.();
  await Promise.all(servers.map((server) => server.shutdown()));
  await Promise.all([...opened.map((queue) => queue.close()), queues.close()]);
  await catcher.close();
  await stripeServer.stop();
  rmSync(filesDir, { recursive: true, force: true });
  await deleteKeysWithPrefix(redis, prefix);
  await redis.quit();
  await db.$disconnect();
});

describe("payment worker: the order saga", () => {
  it("goes from the card authorised to a paid order with tickets, a capture, an invoice and one e-mail", async () => {
    const { event, ticketType } = await createFactories(db).gaEvent({ capacity: 10 });
    const deps = { db, redis, redisPrefix: prefix, clock: systemClock, queues };
    const created = await createCart(deps, null);
    const cart = { id: created.cartId, userId: null, expiresAt: created.expiresAt };
    const hold = await createHold(deps, cart, { admissionToken: null }, { eventId: event.id, items: [{ ticketTypeId: ticketType.id, quantity: 1 }] });
    const email = `worker-${crypto.randomUUID()}@example.test`;
    const order = await checkout({ db, stripe: stripe.client, clock: systemClock }, cart, {
      holdId: hold.id,
      buyer: { name: "Worker Buyer", email },
      locale: "en",
    });
    await stripe.client.paymentIntents.confirm(order.paymentIntentId, { payment_method: "pm_card_visa" });

    // What POST /api/webhooks/stripe queues for each event (tested in @marquee/api).
    for (const stripeEvent of stripeServer.events().filter((e) => (e.data.object as { id?: string }).id === order.paymentIntentId)) {
      await queues.add(
        paymentStripeEvent,
        { eventId: stripeEvent.id, type: stripeEvent.type, objectId: order.paymentIntentId },
        { jobId: stripeEventJobId(stripeEvent.id) },
      );
    }

    const paid = await eventually(
      () => db.order.findUniqueOrThrow({ where: { id: order.id } }),
      (o) => o.status === "PAID",
      20_000,
    );
    expect(paid.paidAt).not.toBeNull();
    expect(await db.ticket.count({ where: { orderId: order.id } })).toBe(1);
    expect(stripeServer.paymentIntents().find((i) => i.id === order.paymentIntentId)).toMatchObject({ status: "succeeded" });
    // The invoice and the e-mail follow PAID in the same job: wait for the e-mail, the last step.
    const mail = await eventually(
      async () => (await (await fetch(`${catcher.httpUrl}/messages?to=${encodeURIComponent(email)}`)).json()) as unknown[],
      (list) => list.length > 0,
    );
    expect(mail).toHaveLength(1);
    expect(await db.invoice.count({ where: { orderId: order.id } })).toBe(1);
    expect(await db.outboxEvent.count({ where: { topic: "payment.authorized", aggregateId: order.id, sentAt: { not: null } } })).toBe(1);
    paidOrderId = order.id;
  });

  it("finishes a box-office sale from its order.paid event: tickets, invoice and one e-mail, no Stripe payment", async () => {
    const { organization, event, ticketType } = await createFactories(db).gaEvent({ capacity: 10 });
    const seller = await createFactories(db).member(organization.id, "BOX_OFFICE");
    const email = `door-${crypto.randomUUID()}@example.test`;
    const sale = await sellAtBoxOffice(
      { db, redis, redisPrefix: prefix, clock: systemClock },
      {
        organizationId: organization.id,
        actor: { kind: "user", userId: seller.id, ip: null },
        input: { eventId: event.id, lines: [{ ticketTypeId: ticketType.id, quantity: 2 }], paymentMethod: "CASH", buyer: { email } },
      },
    );
    // The relay (booking role) publishes order.paid; the payment role's job issues the tickets, invoice and e-mail.
    const mail = await eventually(
      async () => (await (await fetch(`${catcher.httpUrl}/messages?to=${encodeURIComponent(email)}`)).json()) as unknown[],
      (list) => list.length > 0,
      20_000,
    );
    expect(mail).toHaveLength(1);
    expect(await db.ticket.count({ where: { orderId: sale.orderId, status: "VALID" } })).toBe(2);
    expect(await db.invoice.count({ where: { orderId: sale.orderId, kind: "INVOICE" } })).toBe(1);
    expect(stripeServer.paymentIntents().filter((intent) => intent.metadata?.orderId === sale.orderId)).toEqual([]);
  });

  it("serves the document steps over gRPC idempotently, with the idempotency key in metadata", async () => {
    expect(paidOrderId).not.toBe("");
    const client = createOrderDocumentsClient(addresses, { retries: 0 });
    const invoice = createServiceClient(InvoiceServiceClient, addresses.invoice, { deadlineMs: 5_000 });
    try {
      const issued = await db.invoice.findFirstOrThrow({ where: { orderId: paidOrderId, kind: "INVOICE" } });
      // Called again (a retry after a lost answer): the same invoice, no new number.
      expect(await client.documents.issueInvoice(paidOrderId)).toEqual({ id: issued.id, displayNumber: issued.displayNumber });
      expect(await db.invoice.count({ where: { orderId: paidOrderId } })).toBe(1);
      expect(await client.documents.sendOrderEmail({ kind: "confirmation", orderId: paidOrderId })).toBe(false);

      // Refused without effect: a key for another order, no key, no UUID, an unknown order.
      const other = crypto.randomUUID();
      await expect(invoice.call(InvoiceServiceService.issueInvoice, { orderId: paidOrderId }, { idempotencyKey: `invoice:${other}` })).rejects.toMatchObject({
        code: Status.INVALID_ARGUMENT,
      });
      await expect(invoice.call(InvoiceServiceService.issueInvoice, { orderId: paidOrderId })).rejects.toMatchObject({ code: Status.INVALID_ARGUMENT });
      await expect(invoice.call(InvoiceServiceService.issueInvoice, { orderId: "nope" }, { idempotencyKey: "invoice:nope" })).rejects.toMatchObject({
        code: Status.INVALID_ARGUMENT,
      });
      await expect(client.documents.issueInvoice(other)).rejects.toMatchObject({ code: Status.NOT_FOUND });
      // A cancellation e-mail for a paid order is a caller bug the server refuses (ABORTED: retryable conflict).
      await expect(client.documents.sendOrderEmail({ kind: "cancelled", orderId: paidOrderId })).rejects.toMatchObject({ code: Status.ABORTED });
      expect(await db.invoice.count({ where: { orderId: paidOrderId } })).toBe(1);
    } finally {
      client.close();
      invoice.close();
    }
  });
});

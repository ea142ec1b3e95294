import { uniqueSuffix } from "@marquee/db/testing";
import { Queue } from "bullmq";
import { afterEach, describe, expect, it } from "vitest";
import { fixedClock } from "../../clock.ts";
import { QUEUE_NAMES, queuePrefix } from "../../jobs/contract.ts";
import { useHarness } from "../../testing/harness.ts";
import { cancelPendingOrder } from "../orders/cancel-order.ts";
import { orderWebhook } from "./build-payload.ts";
import { attemptDelivery, RETRY_WINDOW_MS } from "./deliver.ts";
import { redeliverWebhook, sweepWebhookDeliveries } from "./deliveries.ts";
import { deliverJobId, fanOutWebhook } from "./fan-out.ts";
import { createWebhookEndpoint, rotateWebhookSecret } from "./manage-endpoints.ts";
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, verifyMarqueeSignature } from "./signature.ts";
import { paidOrder, startReceiver } from "./webhook-test-kit.ts";

// Webhooks end to end on real PostgreSQL, Redis and a real local HTTP receiver: fan-out from an
// outbox event, signed delivery, retries with backoff, the day's limit, dedupe, redelivery, rotation.

const h = useHarness();
const actor = { kind: "system" as const, userId: null, ip: null };
const local = { allowPrivateNetworks: true };
const receivers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
});

async function setUp(statuses: number[] = [200], start = new Date()) {
  const receiver = await startReceiver(statuses);
  receivers.push(receiver);
  const clock = fixedClock(start);
  const { organizationId, order } = await paidOrder(h.db, h.make);
  const { endpoint, secret } = await createWebhookEndpoint(
    { db: h.db, clock, policy: local },
    { organizationId, url: receiver.url, events: ["order.paid", "order.cancelled"], description: "test", actor },
  );
  const deps = { db: h.db, clock, queues: h.queues, policy: local };
  const fanOut = async (sourceKey = `outbox-${uniqueSuffix()}`) => fanOutWebhook(deps, await orderWebhook(h.db, "order.paid", order.id), sourceKey);
  const delivery = () => h.db.webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id } });
  return { receiver, clock, organizationId, order, endpoint, secret, deps, fanOut, delivery };
}

describe("webhook deliveries", () => {
  it("delivers a signed order.paid that verifies with the documented check, with its delivery id and type", async () => {
    const { receiver, clock, order, secret, deps, fanOut, delivery } = await setUp();
    expect(await fanOut()).toEqual({ created: 1 });
    const row = await delivery();
    expect(await attemptDelivery(deps, row.id)).toBe("SUCCEEDED");

    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received;
    const header = request!.headers[SIGNATURE_HEADER.toLowerCase()] as string;
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    const now = Math.floor(clock.now().getTime() / 1000);
    expect(verifyMarqueeSignature(request!.rawBody, header, secret, { now })).toBe(true);
    // Another secret, an altered body, or a stale timestamp fail.
    expect(verifyMarqueeSignature(request!.rawBody, header, `${secret}x`, { now })).toBe(false);
    expect(verifyMarqueeSignature(request!.rawBody.replace("PAID", "REFUNDED"), header, secret, { now })).toBe(false);
    expect(verifyMarqueeSignature(request!.rawBody, header, secret, { now: now + 301 })).toBe(false);
    expect(request!.headers[DELIVERY_HEADER.toLowerCase()]).toBe(row.id);
    expect(request!.headers[EVENT_HEADER.toLowerCase()]).toBe("order.paid");
    const body = JSON.parse(request!.rawBody) as { id: string; type: string; created: number; data: { order: { id: string; status: string } } };
    expect(body).toMatchObject({ id: row.id, type: "order.paid", data: { order: { id: order.id, status: "PAID" } } });

    const done = await delivery();
    expect(done).toMatchObject({ status: "SUCCEEDED", attempts: 1, lastStatusCode: 200, lastResponseExcerpt: "ok", nextAttemptAt: null });
    expect(done.deliveredAt).not.toBeNull();
    expect(await h.db.webhookAttempt.count({ where: { deliveryId: row.id } })).toBe(1);
    // Delivered: a late job or a sweep sends nothing more.
    expect(await attemptDelivery(deps, row.id)).toBe("NOT_DUE");
    expect(receiver.received).toHaveLength(1);
  });

  it("retries a failing endpoint with exponential backoff on the delivery's clock and succeeds once it answers 2xx", async () => {
    const { receiver, clock, deps, fanOut, delivery } = await setUp([500, 503, 200]);
    await fanOut();
    const { id } = await delivery();
    expect(await attemptDelivery(deps, id)).toBe("RETRY");
    const first = await delivery();
    const firstGap = first.nextAttemptAt!.getTime() - clock.now().getTime();
    // 30 s, minus up to 20 % jitter.
    expect(firstGap).toBeGreaterThanOrEqual(24_000);
    expect(firstGap).toBeLessThanOrEqual(30_000);
    expect(first).toMatchObject({ status: "PENDING", attempts: 1, lastStatusCode: 500, lastResponseExcerpt: "receiver says 500" });
    // The next attempt's job waits in the queue, delayed to nextAttemptAt.
    const queue = new Queue(QUEUE_NAMES.notification, { connection: h.redis, prefix: queuePrefix(h.redisPrefix, QUEUE_NAMES.notification) });
    const job = await queue.getJob(deliverJobId(id, 2));
    expect(job?.opts.delay).toBe(firstGap);
    await queue.close();
    // Not due yet: nothing is sent.
    expect(await attemptDelivery(deps, id)).toBe("NOT_DUE");
    expect(receiver.received).toHaveLength(1);

    clock.set(first.nextAttemptAt!);
    expect(await attemptDelivery(deps, id)).toBe("RETRY");
    const second = await delivery();
    const secondGap = second.nextAttemptAt!.getTime() - clock.now().getTime();
    expect(secondGap).toBeGreaterThanOrEqual(48_000);
    expect(secondGap).toBeLessThanOrEqual(60_000);

    clock.set(second.nextAttemptAt!);
    expect(await attemptDelivery(deps, id)).toBe("SUCCEEDED");
    const attempts = await h.db.webhookAttempt.findMany({ where: { deliveryId: id }, orderBy: { attempt: "asc" } });
    expect(attempts.map((attempt) => [attempt.attempt, attempt.statusCode])).toEqual([
      [1, 500],
      [2, 503],
      [3, 200],
    ]);
    expect(attempts.every((attempt) => attempt.latencyMs >= 0)).toBe(true);
    expect(await delivery()).toMatchObject({ status: "SUCCEEDED", attempts: 3, lastStatusCode: 200 });
    // The same id on every attempt: receivers dedupe by it.
    expect(new Set(receiver.received.map((request) => request.headers["marquee-delivery"]))).toEqual(new Set([id]));
  });

  it("gives up a day after the first attempt (FAILED), and a redelivery sends it again with the same id", async () => {
    const { receiver, clock, deps, fanOut, delivery } = await setUp([500, 500, 200]);
    await fanOut();
    const { id } = await delivery();
    expect(await attemptDelivery(deps, id)).toBe("RETRY");
    // Almost a day later: the next retry would fall outside the day.
    clock.advance(RETRY_WINDOW_MS - 1_000);
    await h.db.webhookDelivery.update({ where: { id }, data: { nextAttemptAt: clock.now() } });
    expect(await attemptDelivery(deps, id)).toBe("FAILED");
    expect(await delivery()).toMatchObject({ status: "FAILED", attempts: 2, nextAttemptAt: null });

    expect(await redeliverWebhook(deps, { organizationId: (await delivery()).organizationId, deliveryId: id, actor })).toEqual({
      deliveryId: id,
      status: "PENDING",
    });
    expect(await attemptDelivery(deps, id)).toBe("SUCCEEDED");
    expect(receiver.received.map((request) => request.headers["marquee-delivery"])).toEqual([id, id, id]);
  });

  it("delivers the same outbox event once however often it is fanned out, and the sweep re-adds only overdue deliveries", async () => {
    const { receiver, clock, deps, fanOut, delivery } = await setUp();
    const sourceKey = `outbox-${uniqueSuffix()}`;
    expect(await fanOut(sourceKey)).toEqual({ created: 1 });
    expect(await fanOut(sourceKey)).toEqual({ created: 0 });
    const { id } = await delivery();
    expect(await h.db.webhookDelivery.count({ where: { sourceKey } })).toBe(1);
    // Its job lost (Redis restarted): a minute later the sweep finds it; sending twice at once sends once.
    clock.advance(60_000);
    expect(await sweepWebhookDeliveries(deps)).toBeGreaterThanOrEqual(1);
    const outcomes = await Promise.all([attemptDelivery(deps, id), attemptDelivery(deps, id)]);
    expect(outcomes.sort()).toEqual(["NOT_DUE", "SUCCEEDED"]);
    expect(receiver.received).toHaveLength(1);
  });

  it("signs with the old secret too for 24 hours after a rotation", async () => {
    const { receiver, clock, organizationId, endpoint, secret: oldSecret, deps, fanOut, delivery } = await setUp();
    const { secret: newSecret } = await rotateWebhookSecret(deps, { organizationId, endpointId: endpoint.id, actor });
    expect(newSecret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    await fanOut();
    await attemptDelivery(deps, (await delivery()).id);
    const request = receiver.received[0]!;
    const header = request.headers["marquee-signature"] as string;
    expect(header.split(",").filter((part) => part.startsWith("v1="))).toHaveLength(2);
    const now = Math.floor(clock.now().getTime() / 1000);
    expect(verifyMarqueeSignature(request.rawBody, header, newSecret, { now })).toBe(true);
    expect(verifyMarqueeSignature(request.rawBody, header, oldSecret, { now })).toBe(true);

    clock.advance(24 * 60 * 60 * 1_000 + 1_000);
    await fanOut();
    const later = await h.db.webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id, status: "PENDING" } });
    await attemptDelivery(deps, later.id);
    const laterHeader = receiver.received[1]!.headers["marquee-signature"] as string;
    expect(laterHeader.split(",").filter((part) => part.startsWith("v1="))).toHaveLength(1);
    const laterNow = Math.floor(clock.now().getTime() / 1000);
    expect(verifyMarqueeSignature(receiver.received[1]!.rawBody, laterHeader, oldSecret, { now: laterNow })).toBe(false);
    expect(verifyMarqueeSignature(receiver.received[1]!.rawBody, laterHeader, newSecret, { now: laterNow })).toBe(true);
  });

  it("refuses at send time a URL that now resolves to a private address (flag off), without connecting", async () => {
    const { receiver, deps, fanOut, delivery } = await setUp();
    await fanOut();
    const { id } = await delivery();
    expect(await attemptDelivery({ ...deps, policy: { allowPrivateNetworks: false } }, id)).toBe("RETRY");
    expect(receiver.received).toHaveLength(0);
    expect((await delivery()).lastError).toMatch(/https:\/\/|private, loopback/);
  });

  it("fails a delivery whose endpoint was disabled after it was fanned out, without sending", async () => {
    const { receiver, endpoint, deps, fanOut, delivery } = await setUp();
    await fanOut();
    await h.db.webhookEndpoint.update({ where: { id: endpoint.id }, data: { enabled: false } });
    expect(await attemptDelivery(deps, (await delivery()).id)).toBe("FAILED");
    expect(receiver.received).toHaveLength(0);
    expect(await delivery()).toMatchObject({ status: "FAILED", lastError: "The endpoint is disabled." });
  });

  it("skips endpoints not subscribed or disabled, and other organisations' endpoints", async () => {
    const { deps, order, endpoint, fanOut } = await setUp();
    const other = await paidOrder(h.db, h.make);
    await createWebhookEndpoint(deps, {
      organizationId: other.organizationId,
      url: "http://127.0.0.1:9/other",
      events: ["order.paid"],
      description: "",
      actor,
    });
    await h.db.webhookEndpoint.update({ where: { id: endpoint.id }, data: { enabled: false } });
    expect(await fanOut()).toEqual({ created: 0 });
    await h.db.webhookEndpoint.update({ where: { id: endpoint.id }, data: { enabled: true, events: ["order.refunded"] } });
    expect(await fanOut()).toEqual({ created: 0 });
    expect(await h.db.webhookDelivery.count({ where: { organizationId: other.organizationId } })).toBe(0);
    expect(order.status).toBe("PAID");
  });
});

describe("webhook sources", () => {
  it("a cancelled pending order writes order.cancelled in the cancellation's transaction", async () => {
    const { organizationId, event, ticketType } = await paidOrder(h.db, h.make);
    const pending = await h.db.order.create({
      data: {
        reference: `MQ-${uniqueSuffix()}`,
        organizationId,
        eventId: event.id,
        status: "PENDING",
        buyerName: "Hook Buyer",
        buyerEmail: `hook-${uniqueSuffix()}@example.test`,
        currency: "EUR",
        subtotalMinor: 2500,
        totalMinor: 2500,
        lines: { create: [{ eventId: event.id, ticketTypeId: ticketType.id, quantity: 1, unitPriceMinor: 2500, totalMinor: 2500, status: "PENDING" }] },
      },
    });
    await cancelPendingOrder({ db: h.db, clock: fixedClock(new Date()), stripe: null }, { organizationId, orderId: pending.id, reason: "test", actor });
    expect(await h.db.outboxEvent.count({ where: { topic: "order.cancelled", aggregateId: pending.id } })).toBe(1);
  });
});

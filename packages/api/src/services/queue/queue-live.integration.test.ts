// The waiting room as a browser sees it: REST (joinQueue, getQueueStatus, createHold with the
// admission token) on the standalone API server, and pusher-js on Soketi receiving `position`,
// `admitted` and `closed` on private-queue-<id>, authorised by POST /api/v1/realtime/auth.
/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers and pusher payloads, checked field by field with expect */
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseTrustedProxies } from "../../http/client-ip.ts";
import { createApiServer } from "../../http/standalone-server.ts";
import { createRealtimePublisher, type RealtimePublisher } from "../../realtime/publisher.ts";
import { useHarness } from "../../testing/harness.ts";
import { useTestSoketi } from "../../testing/soketi.ts";
import { flushEventInventory } from "../booking/booking-test-kit.ts";
import { tickWaitingRoom } from "./admit.ts";
import { loadQueueEvent } from "./queue-event.ts";

const h = useHarness();
const soketi = useTestSoketi();
let server: Server;
let base = "";
let realtime: RealtimePublisher;

beforeAll(async () => {
  realtime = createRealtimePublisher(soketi.config);
  server = createApiServer({ ...h.httpDeps({ realtime }), trustedProxies: parseTrustedProxies(""), publicUrl: "http://localhost:3000" });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function call(path: string, init: { method?: string; token?: string; admission?: string; body?: unknown } = {}) {
  const response = await fetch(`${base}/api/v1${path}`, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers: {
      "content-type": "application/json",
      ...(init.token ? { "x-cart-token": init.token } : {}),
      ...(init.admission ? { "x-admission-token": init.admission } : {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

/** A pusher-js client for one cart, authorising private channels at our REST endpoint. */
function listen(cartToken: string, queueTicketId: string) {
  const client = soketi.connect({
    channelAuthorization: { endpoint: `${base}/api/v1/realtime/auth`, transport: "ajax", headers: { "X-Cart-Token": cartToken } },
  });
  const channel = client.subscribe(`private-queue-${queueTicketId}`);
  const received: { event: string; data: any; at: number }[] = [];
  channel.bind_global((event: string, data: unknown) => {
    if (!event.startsWith("pusher:")) received.push({ event, data, at: Date.now() });
  });
  const next = async (event: string, match: (data: any) => boolean = () => true) => {
    for (let waited = 0; waited < 5_000; waited += 20) {
      const found = received.find((r) => r.event === event && match(r.data));
      if (found) return found.data;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`no ${event} on private-queue-${queueTicketId}; got ${JSON.stringify(received)}`);
  };
  return { channel, received, next, subscribed: soketi.subscribed(channel) };
}

describe("waiting room over REST and pusher-js", () => {
  it("pushes positions, the admission with its token, and the closing at sell-out to the cart's private channel only", async () => {
    const now = Date.now();
    const { event, ticketType } = await h.make.gaEvent({
      capacity: 1,
      event: { waitingRoomEnabled: true, onSaleAt: new Date(now - 60_000), waitingRoomOpensAt: new Date(now - 600_000) },
    });
    const deps = { ...h.httpDeps(), clock: { now: () => new Date() }, realtime };
    const queueEvent = await loadQueueEvent(h.db, event.id);
    const carts = [];
    for (let i = 0; i < 4; i++) carts.push(String((await call("/carts", { body: {} })).body.token));
    const [a, b, c, stranger] = carts as [string, string, string, string];
    const joinA = (await call(`/events/${event.id}/queue`, { token: a, body: {} })).body;
    const joinB = (await call(`/events/${event.id}/queue`, { token: b, body: {} })).body;
    await new Promise((resolve) => setTimeout(resolve, 2));
    const joinC = await call(`/events/${event.id}/queue`, { token: c, body: {} });
    expect(joinA).toMatchObject({ status: "ADMITTED" });
    expect(joinB).toMatchObject({ status: "WAITING", position: 1 });
    expect(joinC).toMatchObject({ status: 200, body: { status: "WAITING", position: 2, channel: `private-queue-${joinC.body.queueTicketId}` } });
    expect((await call(`/queue/${joinC.body.queueTicketId}`, { token: stranger })).body.error.code).toBe("NOT_FOUND");

    // Only the owning cart may subscribe.
    const intruder = listen(stranger, joinC.body.queueTicketId);
    await expect(intruder.subscribed).rejects.toThrow("subscription refused");
    const listenerB = listen(b, joinB.queueTicketId);
    const listenerC = listen(c, joinC.body.queueTicketId);
    await Promise.all([listenerB.subscribed, listenerC.subscribed]);

    await tickWaitingRoom(deps, queueEvent);
    expect(await listenerC.next("position")).toMatchObject({ position: 2 });

    // A buys with the token, then gives the ticket back: B is admitted, C moves up.
    const hold = await call(`/events/${event.id}/holds`, {
      token: a,
      admission: joinA.admissionToken,
      body: { items: [{ ticketTypeId: ticketType.id, quantity: 1 }] },
    });
    expect(hold.status).toBe(201);
    expect((await call(`/holds/${hold.body.id}`, { method: "DELETE", token: a })).status).toBe(200);
    await tickWaitingRoom(deps, queueEvent);
    const admitted = await listenerB.next("admitted");
    const statusB = (await call(`/queue/${joinB.queueTicketId}`, { token: b })).body;
    expect(statusB).toMatchObject({ status: "ADMITTED" });
    expect(admitted.admissionToken).toBe(statusB.admissionToken);
    expect(await listenerC.next("position", (data) => data.position === 1)).toMatchObject({ position: 1 });
    expect(listenerC.received.some((r) => r.event === "admitted")).toBe(false);

    // B buys the last ticket and it sells: the queue closes and C is told.
    expect(
      (
        await call(`/events/${event.id}/holds`, {
          token: b,
          admission: admitted.admissionToken,
          body: { items: [{ ticketTypeId: ticketType.id, quantity: 1 }] },
        })
      ).status,
    ).toBe(201);
    await h.db.holdItem.updateMany({ where: { eventId: event.id }, data: { live: false } });
    await h.db.hold.updateMany({ where: { eventId: event.id, status: "ACTIVE" }, data: { status: "CONVERTED" } });
    await h.db.ticketType.update({ where: { id: ticketType.id }, data: { soldCount: 1 } });
    await flushEventInventory(h.redis, h.redisPrefix, event.id);
    expect((await tickWaitingRoom(deps, queueEvent))?.closed).toBe(true);
    expect(await listenerC.next("closed")).toMatchObject({ reason: "SOLD_OUT" });
    expect((await call(`/queue/${joinC.body.queueTicketId}`, { token: c })).body.status).toBe("CLOSED");
  });

  it("answers channel auth only for queue channels of the caller's cart, form-encoded like pusher-js", async () => {
    const token = String((await call("/carts", { body: {} })).body.token);
    const post = (body: string, cartToken = token) =>
      fetch(`${base}/api/v1/realtime/auth`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "x-cart-token": cartToken },
        body,
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));
    expect(await post("socket_id=1.2&channel_name=private-orders")).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
    expect(await post("socket_id=nope&channel_name=private-queue-x")).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_ERROR" } } });
    expect(await post(`socket_id=1.2&channel_name=private-queue-${crypto.randomUUID()}`)).toMatchObject({ status: 403 });
    expect((await post("socket_id=1.2&channel_name=private-orders", "")).body.error.code).toBe("CART_REQUIRED");
  });
});

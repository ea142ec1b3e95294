// The API's Prometheus metrics end to end: the standalone API server answering tRPC and REST, the
// metrics server on its own port (METRICS_PORT), the waiting-room gauges read from a real room.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { findFreePort } from "@marquee/dev/services/net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../clock.ts";
import { bookingDeps, kitCarts } from "../services/booking/booking-test-kit.ts";
import { tickWaitingRoom } from "../services/queue/admit.ts";
import { joinQueue } from "../services/queue/join-queue.ts";
import { loadQueueEvent } from "../services/queue/queue-event.ts";
import { queueKeys } from "../services/queue/queue-keys.ts";
import { startTestApiServer } from "../testing/api-server.ts";
import { useHarness } from "../testing/harness.ts";
import { startApiMetricsServer } from "./metrics-server.ts";
import { sampleValue } from "./prometheus-text.ts";

const h = useHarness();
let api: { base: string; close(): Promise<void> };
let metricsServer: Server;
let metricsBase = "";

beforeAll(async () => {
  api = await startTestApiServer(h);
  const port = await findFreePort();
  // As standalone-main.ts starts it, with this test's clients and METRICS_PORT.
  const server = await startApiMetricsServer({
    waitingRooms: () => ({ db: h.db, redis: h.redis, redisPrefix: h.redisPrefix }),
    publicPort: Number(new URL(api.base).port),
    source: { METRICS_PORT: String(port) },
  });
  metricsServer = server!;
  metricsBase = `http://127.0.0.1:${(metricsServer.address() as AddressInfo).port}`;
});

afterAll(async () => {
  metricsServer?.close();
  await api?.close();
});

const scrape = async () => {
  const response = await fetch(`${metricsBase}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
  return response.text();
};
const requests = (text: string, labels: Record<string, string>) => sampleValue(text, "marquee_api_requests_total", labels) ?? 0;

const postJson = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${api.base}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
/** A tRPC mutation as the shop's client sends it (superjson input, x-trpc-source). */
const trpcMutation = (procedure: string, input: unknown, headers: Record<string, string>) =>
  postJson(`/api/trpc/${procedure}`, { json: input }, { "x-trpc-source": "web", ...headers });
const newCartToken = async () => String(((await (await postJson("/api/v1/carts", {})).json()) as { token: string }).token);

describe("API metrics", () => {
  it("count and time a tRPC call on the metrics port, which the public port does not serve", async () => {
    const before = requests(await scrape(), { procedure: "event.list", transport: "trpc", outcome: "ok", status: "200" });
    const input = encodeURIComponent(JSON.stringify({ json: {} }));
    expect((await fetch(`${api.base}/api/trpc/event.list?input=${input}`)).status).toBe(200);

    const text = await scrape();
    expect(requests(text, { procedure: "event.list", transport: "trpc", outcome: "ok", status: "200" })).toBe(before + 1);
    expect(sampleValue(text, "marquee_api_request_duration_seconds_count", { procedure: "event.list", transport: "trpc" })).toBeGreaterThanOrEqual(1);
    // Default process metrics, for event loop lag and memory.
    expect(sampleValue(text, "nodejs_eventloop_lag_p99_seconds")).toBeGreaterThanOrEqual(0);

    const publicMetrics = await fetch(`${api.base}/metrics`);
    expect(publicMetrics.status).toBe(404);
    expect(await publicMetrics.text()).not.toContain("marquee_api_requests_total");
    expect((await fetch(`${metricsBase}/api/trpc/event.list?input=${input}`)).status).toBe(404);
  });

  it("count holds by outcome: ok and SOLD_OUT over tRPC and REST, with the code's status", async () => {
    const { event, ticketType } = await h.make.gaEvent({ capacity: 1 });
    const token = await newCartToken();
    const labels = (transport: string, outcome: string, status: string) => ({ procedure: "hold.create", transport, outcome, status });
    const before = await scrape();

    const held = await trpcMutation("hold.create", { eventId: event.id, items: [{ ticketTypeId: ticketType.id, quantity: 1 }] }, { "x-cart-token": token });
    expect(held.status).toBe(200);
    const soldOutTrpc = await trpcMutation(
      "hold.create",
      { eventId: event.id, items: [{ ticketTypeId: ticketType.id, quantity: 1 }] },
      { "x-cart-token": token },
    );
    expect(soldOutTrpc.status).toBe(409);
    const soldOutRest = await postJson(
      `/api/v1/events/${event.id}/holds`,
      { items: [{ ticketTypeId: ticketType.id, quantity: 1 }] },
      { "x-cart-token": token },
    );
    expect(((await soldOutRest.json()) as { error: { code: string } }).error.code).toBe("SOLD_OUT");

    const after = await scrape();
    for (const [transport, outcome, status] of [
      ["trpc", "ok", "200"],
      ["trpc", "SOLD_OUT", "409"],
      ["rest", "SOLD_OUT", "409"],
    ] as const) {
      expect({ transport, outcome, count: requests(after, labels(transport, outcome, status)) }).toEqual({
        transport,
        outcome,
        count: requests(before, labels(transport, outcome, status)) + 1,
      });
    }
  });

  it("count REST requests that match no operation under one label", async () => {
    const labels = { procedure: "unmatched", transport: "rest", outcome: "NOT_FOUND", status: "404" };
    const before = requests(await scrape(), labels);
    expect((await fetch(`${api.base}/api/v1/no-such-operation/${crypto.randomUUID()}`)).status).toBe(404);
    expect(requests(await scrape(), labels)).toBe(before + 1);
  });

  it("report a real waiting room's length, admissions and rate, read at scrape time", async () => {
    const clock = fixedClock(new Date());
    const opened = new Date(clock.now().getTime() - 1_000);
    const { event } = await h.make.gaEvent({
      capacity: 2,
      event: { waitingRoomEnabled: true, waitingRoomOverbookPct: 100, waitingRoomOpensAt: opened, onSaleAt: opened },
    });
    const deps = bookingDeps(h, clock);
    const queueEvent = await loadQueueEvent(h.db, event.id);
    // The rate's starting point, then five buyers: stock for two, so two are admitted on the spot
    // and three wait; a second later the ticker measures 2 admissions/s, smoothed (0.3 weight).
    await tickWaitingRoom(deps, queueEvent);
    for (const cart of await kitCarts(h, 5)) await joinQueue(deps, cart, event.id);
    clock.advance(1_000);
    await tickWaitingRoom(deps, queueEvent);

    const text = await scrape();
    const room = { event_id: event.id };
    expect(sampleValue(text, "marquee_waiting_room_queue_length", room)).toBe(3);
    expect(sampleValue(text, "marquee_waiting_room_admitted_total", room)).toBe(2);
    expect(await h.redis.hget(queueKeys(h.redisPrefix, event.id).state, "rate")).toBe("0.600");
    expect(sampleValue(text, "marquee_waiting_room_admission_rate", room)).toBe(0.6);
    expect(sampleValue(text, "marquee_waiting_room_active_rooms")).toBeGreaterThanOrEqual(1);

    // Read again at the next scrape: a buyer who joins shows at once.
    const [late] = await kitCarts(h, 1);
    await joinQueue(deps, late!, event.id);
    expect(sampleValue(await scrape(), "marquee_waiting_room_queue_length", room)).toBe(4);
  });
});

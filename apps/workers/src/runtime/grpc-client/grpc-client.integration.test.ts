import { type ServiceError, status as Status } from "@grpc/grpc-js";
import { AnalyticsServiceClient, AnalyticsServiceService } from "@marquee/proto/v1/analytics";
import type { RedisClient } from "@marquee/api/lib/redis-client";
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { type Counter, type Gauge } from "prom-client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { uniquePrefix } from "../../../test/testing/processes.ts";
import { connectTestRedis, deleteKeysWithPrefix } from "../../../test/testing/redis-keys.ts";
import { createAnalyticsClient } from "../analytics-client.ts";
import { createMetrics, type TMetrics } from "../metrics.ts";
import { CircuitOpenError, createServiceClient, type TServiceClientOptions } from ".";
import { startCounterServer } from "./testing/counter-server.ts";
import { startFaultProxy } from "./testing/fault-proxy.ts";

let redis: RedisClient;
const prefixes: string[] = [];
const cleanups: Array<() => unknown> = [];

beforeAll(() => {
  redis = connectTestRedis();
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(async () => {
  for (const prefix of prefixes) await deleteKeysWithPrefix(redis, prefix);
  await redis.quit();
});

const record = AnalyticsServiceService.record;
const getCounters = AnalyticsServiceService.getCounters;

/** A counter server behind a fault proxy, both torn down after the test. */
async function proxiedServer() {
  const prefix = uniquePrefix("grpc-client");
  prefixes.push(prefix);
  const server = await startCounterServer(redis, prefix);
  cleanups.push(server.close);
  const proxy = await startFaultProxy(server.port);
  cleanups.push(proxy.close);
  return { server, proxy, metrics: createMetrics("test") };
}

/** server <- proxy <- client, each torn down after the test. */
async function setup(options: Partial<TServiceClientOptions> = {}) {
  const { server, proxy, metrics } = await proxiedServer();
  const client = createServiceClient(AnalyticsServiceClient, proxy.address, {
    deadlineMs: 200,
    retries: 5,
    backoff: { initialMs: 50, maxMs: 400 },
    metrics,
    ...options,
  });
  cleanups.push(client.close);
  // Connect at zero latency first, so that injected latency hits calls, not the HTTP/2 handshake.
  await client.call(getCounters, { names: [] });
  return { server, proxy, metrics, client };
}

async function metricValue(metric: Counter | Gauge, labels: Record<string, string>): Promise<number> {
  const { values } = await metric.get();
  return values
    .filter((sample) => Object.entries(labels).every(([name, value]) => sample.labels[name] === value))
    .reduce((sum, sample) => sum + sample.value, 0);
}

const retriesOf = (metrics: TMetrics, code?: string) => metricValue(metrics.grpcClientRetries, code ? { code } : {});

async function rejection(promise: Promise<unknown>): Promise<ServiceError> {
  try {
    await promise;
  } catch (error) {
    return error as ServiceError;
  }
  throw new Error("expected the call to fail");
}

describe("callUnary through a faulty link (real grpc-js client and server, TCP proxy)", () => {
  it("latency above the deadline: DEADLINE_EXCEEDED, retried, succeeds once the latency goes; the effect happens once", async () => {
    // Generous against a loaded machine (name resolution alone can take 100 ms there): the
    // latency is twice the deadline.
    const { server, proxy, metrics, client } = await setup({ deadlineMs: 500 });
    proxy.setLatency(1_000);
    // The first attempt reaches the server after its deadline; the server still applies it.
    server.hooks.afterEffect = () => proxy.setLatency(0);
    const key = `order-${randomUUID()}`;

    const reply = await client.call(record, { name: "orders.paid", count: 1, correlationId: key }, { idempotencyKey: key });

    expect(reply.value).toBe(1);
    expect(await server.counters.get(["orders.paid"])).toEqual({ "orders.paid": 1 });
    expect(server.seen.calls).toBeGreaterThanOrEqual(2);
    expect(await retriesOf(metrics, "DEADLINE_EXCEEDED")).toBeGreaterThanOrEqual(1);
    expect(await metricValue(metrics.grpcCalls, { side: "client", method: record.path, code: "DEADLINE_EXCEEDED" })).toBeGreaterThanOrEqual(1);
    expect(await metricValue(metrics.grpcClientCalls, { outcome: "ok", method: record.path })).toBe(1);
  });

  it("connection reset after the effect, then refused connections: retried until through, effect once", async () => {
    // A high volume threshold: this test is about retries; a real outage this long would trip it.
    const { server, proxy, metrics, client } = await setup({ breaker: { volumeThreshold: 50 } });
    server.hooks.afterEffect = () => {
      server.hooks.afterEffect = undefined;
      // The reply is lost, and the next connections are reset too for a while.
      proxy.resetAll();
      proxy.setMode("reset");
      setTimeout(() => proxy.setMode("pass"), 300);
    };
    const key = `order-${randomUUID()}`;

    const reply = await client.call(record, { name: "orders.paid", count: 1, correlationId: key }, { idempotencyKey: key, retries: 8 });

    expect(reply).toEqual({ applied: false, value: 1 });
    expect(await server.counters.get(["orders.paid"])).toEqual({ "orders.paid": 1 });
    expect(server.seen.calls).toBe(2);
    expect(proxy.stats.resets).toBeGreaterThanOrEqual(2);
    expect(await retriesOf(metrics, "UNAVAILABLE")).toBeGreaterThanOrEqual(1);
  });

  it("sends the idempotency key and correlation id as metadata", async () => {
    const { server, client } = await setup();
    await client.call(record, { name: "a", count: 1, correlationId: "job-1" }, { idempotencyKey: "job-1", correlationId: "req-42" });
    const [metadata] = server.seen.metadata;
    expect(metadata?.get("x-idempotency-key")).toEqual(["job-1"]);
    expect(metadata?.get("x-correlation-id")).toEqual(["req-42"]);
  });

  it("does not retry a call without an idempotency key", async () => {
    const { server, proxy, metrics, client } = await setup();
    server.hooks.afterEffect = () => proxy.resetAll();

    const error = await rejection(client.call(record, { name: "orders.paid", count: 1, correlationId: "" }));

    expect(error.code).toBe(Status.UNAVAILABLE);
    expect(server.seen.calls).toBe(1);
    expect(server.plainEffects()).toBe(1);
    expect(await retriesOf(metrics)).toBe(0);
    expect(await metricValue(metrics.grpcClientCalls, { outcome: "error", method: record.path })).toBe(1);
  });

  it("does not retry INVALID_ARGUMENT, and such answers do not trip the breaker", async () => {
    const { server, metrics, client } = await setup({ breaker: { volumeThreshold: 2 } });
    for (let index = 0; index < 5; index += 1) {
      const key = `bad-${index}`;
      const error = await rejection(client.call(record, { name: "x", count: 0, correlationId: key }, { idempotencyKey: key }));
      expect(error.code).toBe(Status.INVALID_ARGUMENT);
    }
    expect(server.seen.calls).toBe(5);
    expect(await retriesOf(metrics)).toBe(0);
    expect(client.breaker.state()).toBe("closed");
  });
});

describe("circuit breaker per target", () => {
  it("opens after failures, fails fast without reaching the server, half-opens after the reset timeout and closes on success", async () => {
    const resetTimeoutMs = 4_000;
    const { server, proxy, metrics, client } = await setup({
      deadlineMs: 300,
      retries: 1,
      breaker: { volumeThreshold: 3, errorThresholdPercentage: 50, windowMs: 10_000, resetTimeoutMs },
    });
    const target = "marquee.v1.AnalyticsService";
    const state = () => metricValue(metrics.grpcBreakerState, { target });
    expect(await state()).toBe(0);

    proxy.setLatency(900);
    const codes: number[] = [];
    for (let index = 0; index < 5 && client.breaker.state() !== "open"; index += 1) {
      const key = `slow-${index}`;
      codes.push((await rejection(client.call(record, { name: "slow", count: 1, correlationId: key }, { idempotencyKey: key }))).code);
    }
    expect(codes.every((code) => code === Status.DEADLINE_EXCEEDED)).toBe(true);
    expect(client.breaker.state()).toBe("open");
    expect(await state()).toBe(2);
    const openedAt = Date.now();

    // Let frames already on the slow link arrive, then count what the open breaker lets through.
    await sleep(1_500);
    const bytesBefore = proxy.stats.bytesFromClients;
    const callsBefore = server.seen.calls;
    const started = Date.now();
    for (let index = 0; index < 20; index += 1) {
      const error = await rejection(client.call(record, { name: "slow", count: 1, correlationId: `fast-${index}` }, { idempotencyKey: `fast-${index}` }));
      expect(error).toBeInstanceOf(CircuitOpenError);
      expect(error.code).toBe(Status.UNAVAILABLE);
      expect(error.message).toMatch(/circuit breaker for marquee.v1.AnalyticsService is open/);
    }
    expect(Date.now() - started).toBeLessThan(200);
    expect(Date.now() - openedAt).toBeLessThan(resetTimeoutMs);
    expect(proxy.stats.bytesFromClients).toBe(bytesBefore);
    expect(server.seen.calls).toBe(callsBefore);
    expect(await metricValue(metrics.grpcClientCalls, { outcome: "short_circuited" })).toBeGreaterThanOrEqual(20);

    // The link heals; after the reset timeout one probe goes through and closes the breaker.
    proxy.setLatency(0);
    while (client.breaker.state() === "open") await sleep(50);
    expect(client.breaker.state()).toBe("half_open");
    expect(await state()).toBe(1);
    const reply = await client.call(record, { name: "probe", count: 1, correlationId: "probe-1" }, { idempotencyKey: "probe-1" });
    expect(reply).toEqual({ applied: true, value: 1 });
    expect(server.seen.calls).toBe(callsBefore + 1);
    expect(client.breaker.state()).toBe("closed");
    expect(await state()).toBe(0);
  });
});

describe("createAnalyticsClient on the layer", () => {
  it("retries Record across a dropped reply using the correlation id as the key, and counts once", async () => {
    const { server, proxy, metrics } = await proxiedServer();
    const analytics = createAnalyticsClient(proxy.address, { metrics, deadlineMs: 500 });
    cleanups.push(analytics.close);
    server.hooks.afterEffect = () => {
      server.hooks.afterEffect = undefined;
      proxy.resetAll();
    };

    const reply = await analytics.record({ name: "jobs.booking.ping", count: 1, correlationId: "marquee.booking:7:1700000000000" }, "corr-1");

    expect(reply).toEqual({ applied: false, value: 1 });
    expect(await analytics.getCounters(["jobs.booking.ping"])).toEqual({ "jobs.booking.ping": 1 });
    expect(server.seen.metadata[0]?.get("x-idempotency-key")).toEqual(["marquee.booking:7:1700000000000"]);
    expect(server.seen.metadata[0]?.get("x-correlation-id")).toEqual(["corr-1"]);
    expect(analytics.breakerState()).toBe("closed");
    expect(await retriesOf(metrics, "UNAVAILABLE")).toBe(1);
  });
});

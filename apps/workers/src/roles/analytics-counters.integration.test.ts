import type { RedisClient } from "@marquee/api/lib/redis-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uniquePrefix as newPrefix } from "../../test/testing/processes.ts";
import { connectTestRedis, deleteKeysWithPrefix } from "../../test/testing/redis-keys.ts";
import { createCounterStore } from "./analytics-counters.ts";

let redis: RedisClient;
beforeAll(() => {
  redis = connectTestRedis();
});
const prefixes: string[] = [];
const uniquePrefix = (label: string) => {
  const prefix = newPrefix(label);
  prefixes.push(prefix);
  return prefix;
};
afterAll(async () => {
  for (const prefix of prefixes) await deleteKeysWithPrefix(redis, prefix);
  await redis.quit();
});

describe("counter store (real Redis)", () => {
  it("counts a (correlation id, name) pair once, however often it is recorded", async () => {
    const counters = createCounterStore(redis, uniquePrefix("counters"));
    const record = { name: "jobs.booking.ping", count: 1, correlationId: "job-1" };
    const results = await Promise.all([counters.record(record), counters.record(record), counters.record(record)]);
    expect(results.filter((result) => result.applied)).toHaveLength(1);
    expect(await counters.get(["jobs.booking.ping"])).toEqual({ "jobs.booking.ping": 1 });
  });

  it("counts different correlation ids, and the same id under different names, separately", async () => {
    const counters = createCounterStore(redis, uniquePrefix("counters"));
    await counters.record({ name: "a", count: 2, correlationId: "op-1" });
    await counters.record({ name: "a", count: 3, correlationId: "op-2" });
    expect(await counters.record({ name: "b", count: 4, correlationId: "op-1" })).toEqual({ applied: true, value: 4 });
    expect(await counters.get(["a", "b", "missing"])).toEqual({ a: 5, b: 4, missing: 0 });
    expect(await counters.get([])).toEqual({ a: 5, b: 4 });
  });

  it("forgets a dedupe key after its TTL, and keeps counters apart per prefix", async () => {
    const prefix = uniquePrefix("counters");
    const counters = createCounterStore(redis, prefix, 60);
    await counters.record({ name: "a", count: 1, correlationId: "op-1" });
    const ttl = await redis.ttl(`${prefix}:{analytics}:dedupe:a:op-1`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60);
    expect(await createCounterStore(redis, uniquePrefix("counters")).get(["a"])).toEqual({ a: 0 });
  });

  it("applies inbox reports in batches, once per key (also against a Record with the same key), dropping malformed ones", async () => {
    const prefix = uniquePrefix("counters");
    const counters = createCounterStore(redis, prefix);
    for (let job = 0; job < 1_200; job++) await counters.report({ name: "jobs.payment.saga", count: 1, correlationId: `job-${job}` });
    // A retried job reports again; a Record for an already reported key; junk in the list.
    await counters.report({ name: "jobs.payment.saga", count: 1, correlationId: "job-7" });
    await redis.lpush(`${prefix}:{analytics}:inbox`, "not json", JSON.stringify({ n: "x" }));
    expect(await counters.drain(500)).toEqual({ taken: 500, applied: 500 });
    expect(await counters.record({ name: "jobs.payment.saga", count: 1, correlationId: "job-1100" })).toEqual({ applied: true, value: 501 });
    expect(await counters.drain(500)).toEqual({ taken: 500, applied: 500 });
    expect(await counters.drain(500)).toEqual({ taken: 203, applied: 199 });
    expect(await counters.drain(500)).toEqual({ taken: 0, applied: 0 });
    expect(await counters.get(["jobs.payment.saga"])).toEqual({ "jobs.payment.saga": 1_200 });
  });
});

import { Metadata, status as Status } from "@grpc/grpc-js";
import type { RedisClient } from "@marquee/api/lib/redis-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uniquePrefix as newPrefix } from "../../../test/testing/processes.ts";
import { connectTestRedis, deleteKeysWithPrefix } from "../../../test/testing/redis-keys.ts";
import { GrpcError } from "../grpc-server.ts";
import { createIdempotencyStore, idempotencyKeyOf } from "./server-idempotency.ts";

let redis: RedisClient;
const prefixes: string[] = [];
const uniquePrefix = () => {
  const prefix = newPrefix("idempotency");
  prefixes.push(prefix);
  return prefix;
};
beforeAll(() => {
  redis = connectTestRedis();
});
afterAll(async () => {
  for (const prefix of prefixes) await deleteKeysWithPrefix(redis, prefix);
  await redis.quit();
});

const callWith = (entries: Record<string, string>) => {
  const metadata = new Metadata();
  for (const [name, value] of Object.entries(entries)) metadata.set(name, value);
  return { metadata };
};

const codeOf = async (fn: () => unknown): Promise<number | undefined> => {
  try {
    await fn();
  } catch (error) {
    return error instanceof GrpcError ? error.code : -1;
  }
  return undefined;
};

describe("idempotencyKeyOf", () => {
  it("takes the metadata key, falls back to the message's key, and rejects conflicts or none", async () => {
    expect(idempotencyKeyOf(callWith({ "x-idempotency-key": "k1" }))).toBe("k1");
    expect(idempotencyKeyOf(callWith({}), "job-1")).toBe("job-1");
    expect(idempotencyKeyOf(callWith({ "x-idempotency-key": "k1" }), "k1")).toBe("k1");
    expect(await codeOf(() => idempotencyKeyOf(callWith({ "x-idempotency-key": "k1" }), "k2"))).toBe(Status.INVALID_ARGUMENT);
    expect(await codeOf(() => idempotencyKeyOf(callWith({}), ""))).toBe(Status.INVALID_ARGUMENT);
    expect(await codeOf(() => idempotencyKeyOf(callWith({ "x-idempotency-key": "x".repeat(256) })))).toBe(Status.INVALID_ARGUMENT);
  });
});

describe("createIdempotencyStore (real Redis)", () => {
  it("runs the effect once and replays its reply; a concurrent duplicate gets ABORTED", async () => {
    const store = createIdempotencyStore(redis, uniquePrefix());
    let effects = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = store.once("invoice.issue", "order-1", async () => {
      effects += 1;
      await gate;
      return { invoiceNumber: "2026-0001" };
    });
    expect(await codeOf(() => store.once("invoice.issue", "order-1", async () => ++effects))).toBe(Status.ABORTED);
    release();
    expect(await first).toEqual({ invoiceNumber: "2026-0001" });
    expect(await store.once("invoice.issue", "order-1", async () => ++effects)).toEqual({ invoiceNumber: "2026-0001" });
    expect(effects).toBe(1);
  });

  it("releases the key when the effect fails, so a retry runs it; other parameters are INVALID_ARGUMENT", async () => {
    const store = createIdempotencyStore(redis, uniquePrefix());
    expect(await codeOf(() => store.once("mail.send", "m-1", () => Promise.reject(new Error("smtp down")), "fp-a"))).toBe(-1);
    expect(await store.once("mail.send", "m-1", async () => "sent", "fp-a")).toBe("sent");
    expect(await codeOf(() => store.once("mail.send", "m-1", async () => "again", "fp-b"))).toBe(Status.INVALID_ARGUMENT);
  });
});

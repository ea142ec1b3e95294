import { describe, expect, it } from "vitest";
import { z } from "zod";
import { systemClock } from "../clock.ts";
import { AppError } from "../errors.ts";
import { restRequestFromFetch, restResponseToFetch } from "../http/rest-app.ts";
import { createRestHandler } from "../rest/handler.ts";
import { openapi } from "../rest/meta.ts";
import { useHarness } from "../testing/harness.ts";
import { createTRPCRouter, publicProcedure } from "../trpc.ts";
import { idempotent } from "./idempotent.ts";
import { withIdempotency } from "./with-idempotency.ts";

const h = useHarness();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// A real write for the test only: renames a user, counting executions per user.
const runs = new Map<string, number>();
const testRouter = createTRPCRouter({
  user: createTRPCRouter({
    rename: publicProcedure
      .meta(openapi({ method: "POST", path: "/users/{userId}/name", operationId: "renameUser", summary: "test only", idempotencyKey: true }))
      .input(z.object({ userId: z.uuid(), name: z.string().min(1).max(40) }))
      .mutation(
        idempotent("user.rename", async ({ ctx, input }) => {
          const run = (runs.get(input.userId) ?? 0) + 1;
          runs.set(input.userId, run);
          await sleep(100);
          if (input.name === "taken") throw new AppError("CONFLICT", "That name is taken.");
          if (input.name === "boom") throw new Error("database fell over");
          const user = await ctx.db.user.update({ where: { id: input.userId }, data: { name: `${input.name} #${run}` } });
          return { name: user.name, at: new Date() };
        }),
      ),
  }),
  ping: publicProcedure.meta(openapi({ method: "POST", path: "/ping", operationId: "ping", summary: "test only" })).mutation(() => ({ pong: true })),
});
const handle = createRestHandler(testRouter);

/** The REST handler's clients on the harness, accepting browser writes from `allowedOrigins`. */
const restDeps = (allowedOrigins: string[]) => ({
  db: h.db,
  redis: h.redis,
  redisPrefix: h.redisPrefix,
  queues: h.queues,
  authSecret: "test-auth-secret-0123456789abcdef",
  sessionCookieName: "x",
  allowedOrigins,
});

const rename = async (userId: string, name: string, headers: Record<string, string> = {}) => {
  const req = new Request(`http://localhost:3000/api/v1/users/${userId}/name`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ name }),
  });
  const response = restResponseToFetch(await handle(restRequestFromFetch(req, "203.0.113.1"), restDeps([])), "POST");
  return { status: response.status, retryAfter: response.headers.get("retry-after"), body: (await response.json()) as unknown };
};
const post = async (path: string, init: RequestInit) => {
  const request = restRequestFromFetch(new Request(`http://localhost:3000/api/v1${path}`, { method: "POST", ...init }), null);
  const response = await handle(request, restDeps(["http://localhost:3000"]));
  return { status: response.status, body: JSON.parse(response.body) as unknown };
};
const nameOf = async (userId: string) => (await h.db.user.findUniqueOrThrow({ where: { id: userId } })).name;
const key = () => `key-${crypto.randomUUID()}`;

describe("Idempotency-Key on a public write", () => {
  it("replays the stored response for the same key and body, running the write once", async () => {
    const user = await h.make.user();
    const headers = { "idempotency-key": key(), "x-cart-token": "cart-a" };
    const first = await rename(user.id, "Ada", headers);
    expect(first).toMatchObject({ status: 200, body: { name: "Ada #1" } });
    const again = await rename(user.id, "Ada", headers);
    expect(again).toEqual(first);
    expect(runs.get(user.id)).toBe(1);
    expect(await nameOf(user.id)).toBe("Ada #1");
  });

  it("answers the same key with another body 422 IDEMPOTENCY_MISMATCH and changes nothing", async () => {
    const user = await h.make.user();
    const headers = { "idempotency-key": key() };
    await rename(user.id, "Ada", headers);
    const other = await rename(user.id, "Grace", headers);
    expect(other).toMatchObject({ status: 422, body: { error: { code: "IDEMPOTENCY_MISMATCH", message: expect.any(String) } } });
    expect(await nameOf(user.id)).toBe("Ada #1");
  });

  it("runs concurrent duplicates once; every duplicate gets the same answer", async () => {
    const user = await h.make.user();
    const headers = { "idempotency-key": key() };
    const answers = await Promise.all(Array.from({ length: 12 }, () => rename(user.id, "Lin", headers)));
    expect(runs.get(user.id)).toBe(1);
    expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
    expect(answers[0]).toMatchObject({ status: 200, body: { name: "Lin #1" } });
  });

  it("answers a duplicate 409 with Retry-After when the first is still running past the wait", async () => {
    const user = await h.make.user();
    const deps = { db: h.db, clock: systemClock };
    const options = { scope: `slow:${user.id}`, key: key(), request: { a: 1 }, waitMs: 50 };
    const first = withIdempotency(deps, options, async () => (await sleep(400), "done"));
    await sleep(30);
    const duplicate = await withIdempotency(deps, options, async () => "ran twice").catch((error: unknown) => error);
    expect(duplicate).toMatchObject({ code: "CONFLICT", details: { retryAfterSeconds: 1 } });
    await expect(first).resolves.toBe("done");
    await expect(withIdempotency(deps, options, async () => "ran twice")).resolves.toBe("done");
  });

  it("stores a domain error (4xx) and replays it; an unexpected error (5xx) is not stored, so a retry runs again", async () => {
    const user = await h.make.user();
    const taken = { "idempotency-key": key() };
    expect(await rename(user.id, "taken", taken)).toMatchObject({ status: 409, body: { error: { code: "CONFLICT", message: "That name is taken." } } });
    expect(await rename(user.id, "taken", taken)).toMatchObject({ status: 409, body: { error: { code: "CONFLICT" } } });
    expect(runs.get(user.id)).toBe(1);

    const boom = { "idempotency-key": key() };
    expect(await rename(user.id, "boom", boom)).toMatchObject({
      status: 500,
      body: { error: { code: "INTERNAL", message: "Something went wrong on our side." } },
    });
    expect(await rename(user.id, "boom", boom)).toMatchObject({ status: 500 });
    expect(runs.get(user.id)).toBe(3);
  });

  it("stores nothing for invalid input (400) and refuses keys over 255 characters", async () => {
    const user = await h.make.user();
    const k = key();
    expect(await rename(user.id, "", { "idempotency-key": k })).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_ERROR" } } });
    expect(await h.db.idempotencyRecord.count({ where: { key: k } })).toBe(0);
    expect(await rename(user.id, "Ada", { "idempotency-key": "k".repeat(256) })).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_ERROR" } } });
    expect(runs.get(user.id)).toBeUndefined();
  });

  it("keeps keys apart per cart, runs without a key every time, and runs again once a record expired", async () => {
    const user = await h.make.user();
    const k = key();
    await rename(user.id, "Ada", { "idempotency-key": k, "x-cart-token": "cart-1" });
    await rename(user.id, "Ada", { "idempotency-key": k, "x-cart-token": "cart-2" });
    expect(runs.get(user.id)).toBe(2);
    await rename(user.id, "Ada");
    await rename(user.id, "Ada");
    expect(runs.get(user.id)).toBe(4);
    await h.db.idempotencyRecord.updateMany({ where: { key: k }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await rename(user.id, "Ada", { "idempotency-key": k, "x-cart-token": "cart-1" })).toMatchObject({ status: 200, body: { name: "Ada #5" } });
  });

  it("REST writes: a body-less POST works; cross-site writes, form posts and bad JSON are refused and change nothing", async () => {
    expect(await post("/ping", {})).toEqual({ status: 200, body: { pong: true } });
    const user = await h.make.user({ name: "Before" });
    const body = JSON.stringify({ name: "pwned" });
    const attempts: RequestInit[] = [
      { headers: { "content-type": "application/json", origin: "https://evil.example", "sec-fetch-site": "cross-site" }, body },
      { headers: { "content-type": "text/plain" }, body },
      { headers: { "content-type": "application/json" }, body: "{not json" },
      { headers: { "content-type": "application/json" }, body: "[1,2]" },
    ];
    const answers = await Promise.all(attempts.map((init) => post(`/users/${user.id}/name`, init)));
    expect(answers.map((answer) => answer.status)).toEqual([403, 400, 400, 400]);
    expect(answers[0]!.body).toMatchObject({ error: { code: "CSRF_REJECTED" } });
    expect(await nameOf(user.id)).toBe("Before");
    expect(runs.get(user.id)).toBeUndefined();
  });
});

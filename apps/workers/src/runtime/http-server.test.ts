import { type AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { closeHttpServer, runHealthChecks, startHttpServer } from "./http-server.ts";
import { createLogger } from "./logger.ts";
import { createMetrics } from "./metrics.ts";

describe("runHealthChecks", () => {
  it("is ok only when every check passes, and names the failing one", async () => {
    expect(await runHealthChecks({ redis: async () => {}, grpc: () => {} })).toEqual({ status: "ok", checks: { redis: "ok", grpc: "ok" } });
    const report = await runHealthChecks({
      redis: () => Promise.reject(new Error("no PONG within 1000 ms")),
      grpc: () => {
        throw new Error("not bound");
      },
    });
    expect(report).toEqual({ status: "unavailable", checks: { redis: "no PONG within 1000 ms", grpc: "not bound" } });
  });
});

describe("GET /queues", () => {
  const serve = (queues: () => Promise<unknown>) =>
    startHttpServer({
      host: "127.0.0.1",
      port: 0,
      portVariable: "TEST_HTTP_PORT",
      role: "test",
      metrics: createMetrics("test"),
      checks: {},
      queues,
      logger: createLogger("test", "silent"),
    });

  it("answers the report as JSON, or 503 when it cannot be read", async () => {
    let fail = false;
    const server = await serve(() => (fail ? Promise.reject(new Error("Redis down")) : Promise.resolve({ role: "test", total: 0 })));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/queues`;
    try {
      const ok = await fetch(url);
      expect([ok.status, ok.headers.get("content-type"), await ok.json()]).toEqual([200, "application/json", { role: "test", total: 0 }]);
      fail = true;
      const failed = await fetch(url);
      expect([failed.status, await failed.json()]).toEqual([503, { error: "reading queues failed" }]);
    } finally {
      await closeHttpServer(server);
    }
  });
});

import { describe, expect, it } from "vitest";
import { runHealthChecks } from "./http-server";

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

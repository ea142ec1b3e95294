import { AsyncLocalStorage } from "node:async_hooks";
import { describe, expect, it } from "vitest";
import { addLogContextFields, createLogger, currentRequestId, requestIdFrom, withRequestId } from "./logger.ts";

/** A logger whose JSON lines land in the returned array. */
function capture(level = "info") {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ role: "api", level, destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) } });
  return { logger, lines };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("the API's JSON logs", () => {
  it("write level, ISO time, role, pid and msg, and serialise errors under err", () => {
    const { logger, lines } = capture();
    logger.info({ orderId: "o-1" }, "paid");
    logger.error({ err: new Error("boom") }, "failed");
    logger.debug("not at info");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toEqual({ level: 30, time: expect.any(String), role: "api", pid: process.pid, orderId: "o-1", msg: "paid" });
    expect(new Date(String(lines[0]!.time)).toISOString()).toBe(lines[0]!.time);
    expect(lines[1]).toMatchObject({ level: 50, msg: "failed", err: { type: "Error", message: "boom", stack: expect.stringContaining("Error: boom") } });
  });

  it("put the request id on every line written while the request is handled, across awaits, and on no other", async () => {
    const { logger, lines } = capture();
    logger.info("before");
    await Promise.all(
      ["req-a", "req-b"].map((id) =>
        withRequestId(id, async () => {
          logger.info("start");
          await new Promise((resolve) => setTimeout(resolve, id === "req-a" ? 20 : 1));
          logger.info("end");
          expect(currentRequestId()).toBe(id);
        }),
      ),
    );
    logger.info("after");
    expect(lines.map((line) => [line.msg, line.requestId])).toEqual([
      ["before", undefined],
      ["start", "req-a"],
      ["start", "req-b"],
      ["end", "req-b"],
      ["end", "req-a"],
      ["after", undefined],
    ]);
  });

  it("keep a sane X-Request-ID and replace anything else with a new UUID", () => {
    for (const kept of ["0f8fad5b-d9cb-469f-a165-70867728950e", "a1b2c3d4e5f60718293a4b5c6d7e8f90", "req_1.2:3-x"]) expect(requestIdFrom(kept)).toBe(kept);
    for (const replaced of [null, undefined, "", "-leading-dash", "has space", 'quote"d', "line\nbreak", "x".repeat(65), "a, b"])
      expect(requestIdFrom(replaced)).toMatch(UUID);
    expect(requestIdFrom(null)).not.toBe(requestIdFrom(null));
  });

  it("take further context fields from a source registered later (as a trace id will be)", () => {
    const traces = new AsyncLocalStorage<string>();
    addLogContextFields(() => {
      const traceId = traces.getStore();
      return traceId ? { traceId } : {};
    });
    const { logger, lines } = capture();
    traces.run("trace-1", () => withRequestId("req-1", () => logger.info("traced")));
    logger.info("plain");
    expect(lines[0]).toMatchObject({ requestId: "req-1", traceId: "trace-1", msg: "traced" });
    expect(lines[1]).not.toHaveProperty("traceId");
  });
});

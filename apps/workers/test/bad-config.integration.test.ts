// A worker started with bad configuration exits 1 with exactly one line naming the variable.
import { createServer, type Server } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { freePorts, killAll, spawnWorker, uniquePrefix } from "./testing/processes.ts";

afterAll(killAll);

async function runToExit(args: string[], env: Record<string, string>) {
  const ports = await freePorts(3);
  const worker = spawnWorker(args, {
    REDIS_PREFIX: uniquePrefix("bad-config"),
    // Free ports, so only the variable under test is wrong.
    BOOKING_GRPC_PORT: String(ports[0]),
    BOOKING_HTTP_PORT: String(ports[1]),
    ANALYTICS_GRPC_PORT: String(ports[2]),
    ...env,
  });
  const exit = await Promise.race([
    worker.exited,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`did not exit: ${worker.stderr()}${worker.stdout()}`)), 45_000)),
  ]);
  return { ...exit, stdout: worker.stdout(), stderr: worker.stderr() };
}

function expectOneLineNaming(result: Awaited<ReturnType<typeof runToExit>>, variable: string) {
  expect(result.code).toBe(1);
  expect(result.stdout).toBe("");
  const lines = result.stderr.trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(new RegExp(`^Invalid configuration: ${variable} `));
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

describe.concurrent("bad configuration", () => {
  it("REDIS_URL that is not a URL", async () => {
    const result = await runToExit(["booking"], { REDIS_URL: "not-a-url" });
    expectOneLineNaming(result, "REDIS_URL");
    expect(result.stderr).toContain("must be a URL starting with redis:// or rediss://");
  });

  it("REDIS_URL where nothing answers", async () => {
    const [closedPort] = await freePorts(1);
    const result = await runToExit(["booking"], { REDIS_URL: `redis://127.0.0.1:${closedPort}` });
    expectOneLineNaming(result, "REDIS_URL");
    expect(result.stderr).toContain("is not reachable");
  });

  it("a port out of range", async () => {
    expectOneLineNaming(await runToExit(["booking"], { BOOKING_GRPC_PORT: "70000" }), "BOOKING_GRPC_PORT");
  });

  it("an HTTP port already in use", async () => {
    const [busyPort] = await freePorts(1);
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(busyPort, "127.0.0.1", resolve));
    try {
      const result = await runToExit(["booking"], { BOOKING_HTTP_PORT: String(busyPort) });
      expectOneLineNaming(result, "BOOKING_HTTP_PORT");
      expect(result.stderr).toContain("EADDRINUSE");
    } finally {
      blocker.close();
    }
  });

  it("LOG_LEVEL that pino does not know", async () => {
    expectOneLineNaming(await runToExit(["booking"], { LOG_LEVEL: "loud" }), "LOG_LEVEL");
  });

  it("`all` checks every role's variables before starting any", async () => {
    expectOneLineNaming(await runToExit(["all"], { INVOICE_HTTP_PORT: "-1" }), "INVOICE_HTTP_PORT");
  });

  it("an unknown role", async () => {
    const result = await runToExit(["bookings"], {});
    expect(result.code).toBe(1);
    expect(result.stderr.trimEnd().split("\n")).toEqual([
      'Unknown worker role "bookings": expected one of booking, payment, invoice, notification, analytics or all',
    ]);
  });
});

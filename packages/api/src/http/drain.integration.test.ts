// The standalone API server as a real process (standalone-main.ts, real PostgreSQL and Redis):
// SIGTERM while a request is in flight. Not through tsx's CLI, which relays signals through a
// handshake of its own: node --import tsx, as the workers' process tests run their roles.
import { type ChildProcess, spawn } from "node:child_process";
import { Agent, request, type ClientRequest, type IncomingMessage } from "node:http";
import { connect, createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { testDatabaseUrl } from "@marquee/db/testing";
import { afterAll, describe, expect, it } from "vitest";
import { useHarness } from "../testing/harness.ts";

const REPO_ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
// The servers run under the harness's Redis prefix, which it cleans up.
const h = useHarness();
const children = new Set<ChildProcess>();

afterAll(() => {
  for (const child of children) process.kill(-child.pid!, "SIGKILL");
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Polls `check` every 25 ms (a check that throws counts as not yet) until it holds or `timeoutMs` passes; returns whether it held. */
async function until(check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  const holds = async () => {
    try {
      return await check();
    } catch {
      return false;
    }
  };
  while (Date.now() < deadline) {
    if (await holds()) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return holds();
}

/** Starts the server with `env` on top of the test's settings and waits for /healthz 200. */
async function startApiServer(env: Record<string, string>) {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "packages/api/src/http/standalone-main.ts"], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      NODE_ENV: "test",
      DATABASE_URL: testDatabaseUrl(),
      REDIS_PREFIX: h.redisPrefix,
      API_HOST: "127.0.0.1",
      API_PORT: String(port),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, so afterAll reaches it whatever happened.
    detached: true,
  });
  children.add(child);
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  let signalledAt = 0;
  const exited = new Promise<{ code: number | null; ms: number }>((resolve) =>
    child.on("close", (code, signal) => {
      children.delete(child);
      exit = { code, signal };
      resolve({ code, ms: Date.now() - signalledAt });
    }),
  );
  const base = `http://127.0.0.1:${port}`;
  const healthy = await until(
    async () =>
      exit !== undefined ||
      (await fetch(`${base}/healthz`).then(
        (response) => response.ok,
        () => false,
      )),
    60_000,
  );
  if (!healthy || exit) throw new Error(`API server not healthy (exit ${JSON.stringify(exit)}):\n${stderr}${stdout}`);
  return {
    base,
    port,
    exited,
    /** The JSON lines written so far. */
    lines: () =>
      stdout
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    output: () => stderr + stdout,
    sigterm() {
      signalledAt = Date.now();
      child.kill("SIGTERM");
    },
  };
}

/**
 * POST /api/v1/carts (a new cart: 201 with its token) over a keep-alive connection, its body `{}`
 * sent in two parts: `{` now, `}` on `finish()`; the route reads the whole body before answering.
 */
function slowCartPost(port: number, requestId: string) {
  const agent = new Agent({ keepAlive: true });
  let req!: ClientRequest;
  const answer = new Promise<{ status: number; headers: IncomingMessage["headers"]; body: string }>((resolve, reject) => {
    req = request(
      {
        host: "127.0.0.1",
        port,
        method: "POST",
        path: "/api/v1/carts",
        agent,
        headers: { "content-type": "application/json", "content-length": "2", "x-request-id": requestId },
      },
      (res) => {
        let body = "";
        res.on("data", (chunk: Buffer) => (body += chunk.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.write("{");
  });
  // A cut-off request rejects; the test that cuts it off awaits that.
  answer.catch(() => {});
  return { answer, finish: () => req.end("}"), close: () => agent.destroy() };
}

const refusesConnections = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code === "ECONNREFUSED"));
  });

describe("the standalone API server on SIGTERM", () => {
  it("answers /healthz 503 during the delay, closes the listener, finishes the request in flight, then exits 0", { timeout: 90_000 }, async () => {
    const server = await startApiServer({ LOG_LEVEL: "debug", SHUTDOWN_DELAY_MS: "3000", SHUTDOWN_GRACE_MS: "20000" });
    const post = slowCartPost(server.port, "drain-test-in-flight");
    // The server has the request (headers and the first part of the body) once it logged it.
    expect(await until(() => server.lines().some((line) => line.msg === "request" && line.requestId === "drain-test-in-flight"))).toBe(true);

    server.sigterm();
    const health = async () => {
      const response = await fetch(`${server.base}/healthz`);
      return { status: response.status, body: await response.text() };
    };
    expect(await until(async () => (await health()).status === 503)).toBe(true);
    // Still serving during the delay: /healthz says so.
    expect(await health()).toEqual({ status: 503, body: "draining" });
    // After the delay: no new connections, while the request is still running.
    expect(await until(() => refusesConnections(server.port))).toBe(true);

    post.finish();
    const answer = await post.answer;
    expect(answer.status).toBe(201);
    expect(JSON.parse(answer.body)).toMatchObject({ token: expect.any(String) });
    expect(answer.headers).toMatchObject({ connection: "close", "x-request-id": "drain-test-in-flight" });
    post.close();

    const exit = await server.exited;
    expect(exit.code, server.output()).toBe(0);
    expect(exit.ms).toBeLessThan(20_000);
    const lines = server.lines();
    expect(lines.find((line) => line.msg === "draining")).toMatchObject({
      level: 30,
      role: "api",
      signal: "SIGTERM",
      inFlight: 1,
      delayMs: 3000,
      graceMs: 20000,
    });
    expect(lines.find((line) => line.msg === "drained")).toBeDefined();
    expect(lines.at(-1)).toMatchObject({ msg: "shutdown complete", code: 0 });
  });

  it("cuts off a request still running when SHUTDOWN_GRACE_MS is over, says how many, and exits 1", { timeout: 90_000 }, async () => {
    const server = await startApiServer({ LOG_LEVEL: "debug", SHUTDOWN_DELAY_MS: "0", SHUTDOWN_GRACE_MS: "1000" });
    const post = slowCartPost(server.port, "drain-test-cut-off");
    expect(await until(() => server.lines().some((line) => line.msg === "request" && line.requestId === "drain-test-cut-off"))).toBe(true);

    server.sigterm();
    // The listener closes at once (no delay); the request never gets the rest of its body.
    expect(await until(() => refusesConnections(server.port))).toBe(true);
    await expect(post.answer).rejects.toThrow(/socket hang up|ECONNRESET/);
    post.close();

    const exit = await server.exited;
    expect(exit.code, server.output()).toBe(1);
    expect(exit.ms).toBeGreaterThanOrEqual(1_000);
    expect(exit.ms).toBeLessThan(10_000);
    expect(server.lines().find((line) => line.level === 50)).toMatchObject({
      role: "api",
      cutOff: 1,
      graceMs: 1000,
      msg: "shutdown grace period over: cut off 1 request(s) still running",
    });
    expect(server.lines().at(-1)).toMatchObject({ msg: "shutdown complete", code: 1 });
  });
});

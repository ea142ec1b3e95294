import { Agent, createServer, request, type IncomingMessage, type Server } from "node:http";
import { connect, type AddressInfo, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../observability/logger.ts";
import { createDrain, type TDrain } from "./drain.ts";

// The drain on a real node:http server and real sockets: which connections it keeps, closes and cuts off.

const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.closeAllConnections();
});

/** Polls `check` every 10 ms until it holds (5 s at most, then the test fails on what it asserts next). */
async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!(await check()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
}

/** A server whose /slow... paths answer once released (/slow-headers sends its headers first); anything else answers at once. */
async function start(options: { graceMs: number; delayMs?: number }) {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ role: "test", destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) } });
  const drain: TDrain = createDrain({ graceMs: options.graceMs, delayMs: options.delayMs ?? 0, logger });
  const waiting: { path: string; answer: () => void }[] = [];
  const server = drain.track(
    createServer((req, res) => {
      if (req.url === "/healthz") return void res.writeHead(drain.draining ? 503 : 200).end(drain.draining ? "draining" : "ok");
      if (!req.url?.startsWith("/slow")) return void res.end("fast");
      if (req.url === "/slow-headers") res.writeHead(200).write("first ");
      waiting.push({ path: req.url, answer: () => res.end("done") });
    }),
  );
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  /** Answers the waiting requests (those for `path` only, if given). */
  const release = (path?: string) => {
    for (const request of waiting.filter((request) => path === undefined || request.path === path)) {
      waiting.splice(waiting.indexOf(request), 1);
      request.answer();
    }
  };
  return { drain, port, lines, release };
}

interface TAnswer {
  status: number;
  connection: string | undefined;
  body: string;
  socket: Socket;
}

/** GET `path` (a new connection unless `agent` keeps one alive). */
function get(port: number, path: string, agent?: Agent): Promise<TAnswer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, agent: agent ?? false }, (res: IncomingMessage) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body, socket: req.socket! }));
    });
    req.on("error", reject);
    req.end();
  });
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

/** Whether `socket` closes within 5 s. */
const closed = (socket: Socket) =>
  socket.destroyed ||
  new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), 5_000);
    socket.once("close", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });

describe("draining a node:http server", () => {
  it("closes the listener and idle keep-alive connections, lets the running request finish with Connection: close, cuts off nothing", async () => {
    const { drain, port, lines, release } = await start({ graceMs: 10_000 });
    const agent = new Agent({ keepAlive: true });
    const idle = await get(port, "/fast", agent);
    expect([idle.status, idle.connection]).toEqual([200, "keep-alive"]);

    const slow = get(port, "/slow", new Agent({ keepAlive: true }));
    await until(() => drain.inFlight === 1);
    const result = drain.drain("SIGTERM");
    expect(drain.draining).toBe(true);
    expect(await closed(idle.socket)).toBe(true);
    await until(() => refusesConnections(port));
    expect(await refusesConnections(port)).toBe(true);
    expect(drain.inFlight).toBe(1);

    release();
    expect(await slow).toMatchObject({ status: 200, connection: "close", body: "done" });
    expect(await result).toMatchObject({ cutOff: 0 });
    expect(lines.map((line) => line.msg)).toEqual(["draining", "drained"]);
    expect(lines[0]).toMatchObject({ signal: "SIGTERM", inFlight: 1, graceMs: 10_000, delayMs: 0 });
    agent.destroy();
  });

  it("during the delay: serves old and new connections with Connection: close, /healthz 503 draining; then closes the listener", async () => {
    const { drain, port } = await start({ graceMs: 10_000, delayMs: 3_000 });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const before = await get(port, "/fast", agent);
    expect(before.connection).toBe("keep-alive");
    const result = drain.drain("SIGTERM");
    // The keep-alive connection opened before the signal is still served, and then ended.
    const health = await get(port, "/healthz", agent);
    expect(health).toMatchObject({ status: 503, body: "draining", connection: "close" });
    expect(health.socket).toBe(before.socket);
    expect(await closed(health.socket)).toBe(true);
    expect(await get(port, "/fast")).toMatchObject({ status: 200, body: "fast" });
    expect(await refusesConnections(port)).toBe(false);
    expect(await result).toMatchObject({ cutOff: 0 });
    expect(await refusesConnections(port)).toBe(true);
    agent.destroy();
  });

  it("ends a keep-alive connection whose response had sent its headers before the drain once that response ends, while others still run", async () => {
    const { drain, port, release } = await start({ graceMs: 10_000 });
    const other = get(port, "/slow");
    let socket: Socket | undefined;
    const answer = new Promise<string>((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port, path: "/slow-headers", agent: new Agent({ keepAlive: true }) }, (res) => {
        socket = res.socket;
        expect(res.headers.connection).toBe("keep-alive");
        let body = "";
        res.on("data", (chunk: Buffer) => (body += chunk.toString()));
        res.on("end", () => resolve(body));
      });
      req.on("error", reject);
      req.end();
    });
    await until(() => socket !== undefined && drain.inFlight === 2);
    const result = drain.drain("SIGTERM");
    await until(() => refusesConnections(port));
    release("/slow-headers");
    expect(await answer).toBe("first done");
    expect(await closed(socket!)).toBe(true);
    expect(drain.inFlight).toBe(1);
    release();
    expect(await other).toMatchObject({ status: 200, body: "done" });
    expect(await result).toMatchObject({ cutOff: 0 });
  });

  it("cuts off what still runs when the grace period ends, and says how many", async () => {
    const { drain, port, lines } = await start({ graceMs: 300 });
    const slow = get(port, "/slow");
    const second = get(port, "/slow");
    await until(() => drain.inFlight === 2);
    expect(await drain.drain("SIGTERM")).toMatchObject({ cutOff: 2 });
    await expect(slow).rejects.toThrow(/socket hang up|ECONNRESET/);
    await expect(second).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(lines.at(-1)).toMatchObject({ level: 50, cutOff: 2, graceMs: 300, msg: "shutdown grace period over: cut off 2 request(s) still running" });
    // Asking again answers the same drain.
    expect(await drain.drain("SIGINT")).toMatchObject({ cutOff: 2 });
  });
});

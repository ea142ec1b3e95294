import { randomInt } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, connect } from "node:net";

/** Hosts we may start a service for: anything else is someone else's server. */
export function isLocalHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return host === "localhost" || host === "::1" || host === "0.0.0.0" || /^127(\.\d{1,3}){3}$/.test(host);
}

/** The address a locally started server should listen on for a URL's host. */
export function bindAddress(hostname: string): string {
  const host = hostname.replace(/^\[|\]$/g, "");
  return host === "localhost" ? "127.0.0.1" : host;
}

/** The range the kernel hands out for outgoing connections and for port 0 (Linux's default where /proc cannot tell). */
export function ephemeralPortRange(read: () => string = () => readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8")): [number, number] {
  try {
    const [low, high] = read().trim().split(/\s+/).map(Number);
    if (Number.isInteger(low) && Number.isInteger(high) && low! > 0 && high! >= low!) return [low!, high!];
  } catch {
    // No /proc (not Linux): the default below.
  }
  return [32768, 60999];
}

/** Ports picked by findFreePort lie here, above the well-known development ports and below the ephemeral range. */
const PICK_FROM = 20_000;

function canListen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once("error", () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

function kernelPort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A free TCP port on `host` for a server that binds it later. It is picked at random below the
 * kernel's ephemeral range: a port from that range (what port 0 gives) may be taken as the local
 * port of an outgoing connection (a database pool, a health poll) in the seconds before the
 * server starts, and the server then fails with EADDRINUSE.
 */
export async function findFreePort(host = "127.0.0.1"): Promise<number> {
  const [low] = ephemeralPortRange();
  if (low - PICK_FROM >= 1_000) {
    for (let attempt = 0; attempt < 50; attempt++) {
      const port = PICK_FROM + randomInt(low - PICK_FROM);
      if (await canListen(host, port)) return port;
    }
  }
  return kernelPort(host);
}

/** Whether something accepts TCP connections on host:port. */
export function canConnect(host: string, port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: bindAddress(host), port });
    const done = (result: boolean) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/** HTTP status of a GET, or null when nothing answers. */
export async function httpStatus(url: string, timeoutMs = 2_000): Promise<number | null> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: "manual" });
    await response.body?.cancel();
    return response.status;
  } catch {
    return null;
  }
}

export class TimeoutError extends Error {
  override name = "TimeoutError";
}

/**
 * Poll check() until it returns a truthy value. `abort` (e.g. "the child exited") is checked on
 * every round and its message ends the wait early.
 */
export async function waitUntil<T>(
  check: () => Promise<T | null | undefined | false>,
  options: { timeoutMs: number; intervalMs?: number; description: string; abort?: () => string | undefined },
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const reason = options.abort?.();
    if (reason) throw new Error(reason);
    const result = await check();
    if (result) return result;
    if (Date.now() > deadline) throw new TimeoutError(`timed out after ${Math.round(options.timeoutMs / 1000)} s waiting for ${options.description}`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 100));
  }
}

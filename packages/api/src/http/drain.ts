import type { Server, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { Logger } from "../observability/logger.ts";

/** How long closing the clients (queues, Redis, PostgreSQL) may take after the drain. */
export const CLOSE_CLIENTS_MS = 2_000;

export interface TDrainOptions {
  /** SHUTDOWN_GRACE_MS: from the signal until requests still running are cut off. */
  graceMs: number;
  /** SHUTDOWN_DELAY_MS: from the signal until the listener closes (counted within graceMs); the server still serves meanwhile. */
  delayMs: number;
  logger: Logger;
}

export interface TDrainResult {
  /** Requests still running at the end of the grace period, whose connections were destroyed. */
  cutOff: number;
  ms: number;
}

export interface TDrain {
  /** True from the signal on: /healthz answers 503 `draining`. */
  readonly draining: boolean;
  /** Requests whose response has not finished. */
  readonly inFlight: number;
  /** Counts `server`'s requests and closes its keep-alive connections once draining; returns the server. */
  track(server: Server): Server;
  /** Drains the tracked server (once; later calls get the same result). */
  drain(signal: string): Promise<TDrainResult>;
}

/**
 * Graceful shutdown of a node:http server: from the signal on /healthz reports `draining` and every
 * response goes out with `Connection: close`; after `delayMs` the listener and the idle keep-alive
 * connections close; requests already running finish, until `graceMs` after the signal, when
 * whatever still runs is cut off (its socket destroyed).
 */
export function createDrain({ graceMs, delayMs, logger }: TDrainOptions): TDrain {
  const open = new Map<ServerResponse, Socket>();
  let server: Server | undefined;
  let draining = false;
  let result: Promise<TDrainResult> | undefined;
  let onIdle: (() => void) | undefined;

  const onRequest = (req: { socket: Socket }, res: ServerResponse) => {
    if (draining) res.shouldKeepAlive = false;
    open.set(res, req.socket);
    res.once("close", () => {
      open.delete(res);
      if (!draining) return;
      // Headers sent before the drain promised keep-alive: end that connection now its response is done.
      const socket = req.socket;
      if (res.shouldKeepAlive && !socket.destroyed && ![...open.values()].includes(socket)) socket.end();
      if (open.size === 0) onIdle?.();
    });
  };

  async function run(signal: string): Promise<TDrainResult> {
    const started = performance.now();
    draining = true;
    // Idle keep-alive connections stay through the delay: closing one while its client is sending
    // on it loses that request, while Connection: close on its next answer ends it cleanly.
    for (const res of open.keys()) if (!res.headersSent) res.shouldKeepAlive = false;
    logger.info({ signal, inFlight: open.size, graceMs, delayMs }, "draining");

    let deadlineTimer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => (deadlineTimer = setTimeout(resolve, graceMs)));
    let delayTimer: NodeJS.Timeout | undefined;
    await Promise.race([deadline, new Promise<void>((resolve) => (delayTimer = setTimeout(resolve, delayMs)))]);
    clearTimeout(delayTimer);

    // No new connections, and none idle.
    const closed = new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server?.closeIdleConnections();
    if (open.size > 0) await Promise.race([deadline, new Promise<void>((resolve) => (onIdle = resolve))]);
    clearTimeout(deadlineTimer);
    const cutOff = open.size;
    // Left now: connections without a running request (idle, headers still arriving) and, past the grace, the cut-off ones.
    server?.closeAllConnections();
    await closed;

    const ms = Math.round(performance.now() - started);
    if (cutOff > 0) logger.error({ cutOff, graceMs, ms }, `shutdown grace period over: cut off ${cutOff} request(s) still running`);
    else logger.info({ ms }, "drained");
    return { cutOff, ms };
  }

  return {
    get draining() {
      return draining;
    },
    get inFlight() {
      return open.size;
    },
    track(tracked) {
      server = tracked;
      // First listener, so that a response the handler sends at once already carries Connection: close.
      tracked.prependListener("request", onRequest);
      return tracked;
    },
    drain: (signal) => (result ??= run(signal)),
  };
}

/** Resolves with `promise`'s outcome, or rejects after `ms`. */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * On the first SIGTERM or SIGINT: drain, close the clients (at most CLOSE_CLIENTS_MS), exit 0; exit 1
 * when requests were cut off or a client failed to close. Later signals are logged and ignored
 * (under `npm start` a terminal Ctrl-C reaches the process twice); the grace period bounds the wait.
 */
export function exitAfterDrainOnSignals(drain: TDrain, closeClients: () => Promise<unknown>, logger: Logger): void {
  let started = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (started) return void logger.info({ signal }, "already draining");
    started = true;
    void (async () => {
      const { cutOff } = await drain.drain(signal);
      let clientsClosed = true;
      try {
        await within(closeClients(), CLOSE_CLIENTS_MS, "closing the clients");
      } catch (error) {
        clientsClosed = false;
        logger.error({ err: error }, "closing the clients failed");
      }
      const code = cutOff === 0 && clientsClosed ? 0 : 1;
      logger.info({ code }, "shutdown complete");
      process.exit(code);
    })();
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}

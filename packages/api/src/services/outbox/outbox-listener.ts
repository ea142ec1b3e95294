import pg from "pg";
import { OUTBOX_NOTIFY_CHANNEL } from "./write-outbox.ts";

/** Something that wakes the relay early; polling remains the backstop. */
export interface TOutboxWakeSource {
  onWake(listener: () => void): void;
  close(): Promise<void>;
}

/**
 * `LISTEN marquee_outbox` on a dedicated pg connection (a pooled Prisma connection cannot receive
 * notifications). Reconnects after an error; each (re)connection wakes the relay once, since
 * notifications sent while disconnected are lost.
 */
export function listenForOutboxEvents(databaseUrl: string, options: { onError?: (error: unknown) => void; reconnectMs?: number } = {}): TOutboxWakeSource {
  const listeners: (() => void)[] = [];
  const wake = () => listeners.forEach((listener) => listener());
  let client: pg.Client | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  const connect = async () => {
    const next = new pg.Client({ connectionString: databaseUrl, application_name: "marquee-outbox-listener" });
    client = next;
    next.on("notification", (message) => {
      if (message.channel === OUTBOX_NOTIFY_CHANNEL) wake();
    });
    next.on("error", (error) => {
      options.onError?.(error);
      reconnect(next);
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${OUTBOX_NOTIFY_CHANNEL}`);
      wake();
    } catch (error) {
      options.onError?.(error);
      reconnect(next);
    }
  };
  const reconnect = (failed: pg.Client) => {
    failed.end().catch(() => undefined);
    if (closed || client !== failed || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      if (!closed) void connect();
    }, options.reconnectMs ?? 1_000);
    retry.unref();
  };
  void connect();

  return {
    onWake(listener) {
      listeners.push(listener);
    },
    async close() {
      closed = true;
      clearTimeout(retry);
      await client?.end().catch(() => undefined);
    },
  };
}

import { createServer, type Server, Socket } from "node:net";

/** pass: forward bytes; blackhole: accept and swallow them; reset: reset every new connection. */
export type TProxyMode = "pass" | "blackhole" | "reset";

interface TLink {
  client: Socket;
  upstream: Socket;
}

/**
 * A TCP proxy for tests, between a gRPC client and server, that injects latency (each chunk held
 * `latencyMs`, order kept), black-holes traffic or resets connections. It counts connections and
 * the bytes clients sent, so a test can tell whether a call reached the wire.
 */
export async function startFaultProxy(upstreamPort: number, upstreamHost = "127.0.0.1") {
  let mode: TProxyMode = "pass";
  let latencyMs = 0;
  const links = new Set<TLink>();
  const stats = { connections: 0, bytesFromClients: 0, resets: 0 };

  // Forwards `from` -> `to` with the current latency. One queue and one timer per direction keep
  // chunks in order even when the latency changes while some are held.
  function pipe(from: Socket, to: Socket, countBytes: boolean) {
    const held: Array<{ at: number; chunk: Buffer }> = [];
    let timer: NodeJS.Timeout | undefined;
    const flush = () => {
      timer = undefined;
      const now = Date.now();
      while (held.length > 0 && held[0]!.at <= now) {
        const { chunk } = held.shift()!;
        if (!to.destroyed) to.write(chunk);
      }
      if (held.length > 0) timer = setTimeout(flush, held[0]!.at - now);
    };
    from.on("data", (chunk: Buffer) => {
      if (countBytes) stats.bytesFromClients += chunk.length;
      if (mode === "blackhole") return;
      const at = Math.max(Date.now() + latencyMs, held.at(-1)?.at ?? 0);
      held.push({ at, chunk });
      if (timer === undefined) flush();
    });
    from.on("close", () => clearTimeout(timer));
  }

  const server: Server = createServer((client) => {
    stats.connections += 1;
    if (mode === "reset") {
      stats.resets += 1;
      client.resetAndDestroy();
      return;
    }
    const upstream = new Socket();
    const link = { client, upstream };
    links.add(link);
    const close = () => {
      links.delete(link);
      client.destroy();
      upstream.destroy();
    };
    client.on("error", close).on("close", close);
    upstream.on("error", close).on("close", close);
    upstream.connect(upstreamPort, upstreamHost);
    pipe(client, upstream, true);
    pipe(upstream, client, false);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;

  return {
    port,
    address: `127.0.0.1:${port}`,
    stats,
    setLatency(ms: number) {
      latencyMs = ms;
    },
    /** Leaving blackhole resets the connections whose bytes were swallowed: they are unusable. */
    setMode(next: TProxyMode) {
      if (mode === "blackhole" && next !== "blackhole") this.resetAll();
      mode = next;
    },
    /** Resets (TCP RST) every open connection, as a crashed peer or a dropped link would. */
    resetAll() {
      for (const { client, upstream } of links) {
        stats.resets += 1;
        client.resetAndDestroy();
        upstream.destroy();
      }
      links.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const { client, upstream } of links) {
          client.destroy();
          upstream.destroy();
        }
        server.close(() => resolve());
      }),
  };
}

export type TFaultProxy = Awaited<ReturnType<typeof startFaultProxy>>;

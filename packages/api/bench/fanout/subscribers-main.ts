// One load process of `npm run bench:fanout`: many pusher-protocol subscribers (raw-subscriber.ts,
// far cheaper than pusher-js, speaking what pusher-js speaks: wait for connection_established,
// pusher:subscribe, wait for subscription_succeeded) on one public channel. Each delivery's
// latency is its arrival here minus the `sentAt` the publisher put in the message, on the
// machine's monotonic clock (the same for every process). Driven by its parent over IPC
// (subscribers-protocol.ts); it inherits the parent's CPU pinning (the load CPU).
import { openRawSubscriber } from "./raw-subscriber.ts";
import { monotonicMs, type TSubscriberCommand, type TSubscriberReply } from "./subscribers-protocol.ts";

const CONNECT_TIMEOUT_MS = 30_000;

let sockets: { close(): void }[] = [];
/** Per message sequence number: latencies (ms) and the latest arrival. */
const received = new Map<number, { latencies: number[]; lastAt: number }>();
let total = 0;

const reply = (message: TSubscriberReply) => process.send?.(message);

function onStamp(seq: number, sentAt: number, arrivedAt: number): void {
  let entry = received.get(seq);
  if (!entry) received.set(seq, (entry = { latencies: [], lastAt: 0 }));
  entry.latencies.push(arrivedAt - sentAt);
  if (arrivedAt > entry.lastAt) entry.lastAt = arrivedAt;
  total += 1;
}

/** Opens one subscriber; resolves with its connect-to-subscribed time, rejects on any failure. */
function subscribe(url: string, channel: string): Promise<{ socket: { close(): void }; ms: number }> {
  const startedAt = monotonicMs();
  return new Promise((resolve, reject) => {
    let subscribed = false;
    const fail = (reason: string) => {
      clearTimeout(timer);
      if (!subscribed) reject(new Error(reason));
    };
    const socket = openRawSubscriber(
      url,
      {
        onStamp,
        onText: (text) => {
          if (subscribed) return;
          const frame = JSON.parse(text) as { event?: string; channel?: string };
          if (frame.event === "pusher:connection_established") {
            socket.send(JSON.stringify({ event: "pusher:subscribe", data: { channel } }));
          } else if (frame.event === "pusher_internal:subscription_succeeded" && frame.channel === channel) {
            subscribed = true;
            clearTimeout(timer);
            resolve({ socket, ms: monotonicMs() - startedAt });
          } else if (frame.event === "pusher:error" || frame.event === "pusher:subscription_error") {
            socket.close();
            fail(`refused: ${text}`);
          }
        },
        onClose: (reason) => fail(`${reason} before subscribing`),
      },
      monotonicMs,
    );
    const timer = setTimeout(() => {
      socket.close();
      fail(`no subscription within ${CONNECT_TIMEOUT_MS} ms`);
    }, CONNECT_TIMEOUT_MS);
  });
}

async function connect(command: Extract<TSubscriberCommand, { type: "connect" }>): Promise<void> {
  const connectMs: number[] = [];
  const failures: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < command.count) {
      const url = command.urls[next % command.urls.length]!;
      next += 1;
      try {
        const { socket, ms } = await subscribe(url, command.channel);
        sockets.push(socket);
        connectMs.push(ms);
      } catch (error) {
        failures.push(error instanceof Error ? error.message : String(error));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(command.concurrency, command.count) }, worker));
  reply({ type: "connected", connectMs, failures: failures.length, firstFailure: failures[0] });
}

process.on("message", (command: TSubscriberCommand) => {
  switch (command.type) {
    case "connect":
      void connect(command);
      return;
    case "count": {
      const cpu = process.cpuUsage();
      reply({ type: "count", received: total, cpuMs: (cpu.user + cpu.system) / 1000 });
      return;
    }
    case "report": {
      const messages = [...received.entries()].map(([seq, entry]) => ({ seq, latencies: Float64Array.from(entry.latencies), lastAt: entry.lastAt }));
      received.clear();
      total = 0;
      reply({ type: "report", messages });
      return;
    }
    case "close": {
      for (const socket of sockets) socket.close();
      sockets = [];
      reply({ type: "closed" });
      return;
    }
  }
});
process.on("disconnect", () => process.exit(0));

// One phase of `npm run bench:fanout`: connect the subscribers (spread over the load processes and
// the server's nodes), publish paced availability messages that carry their send time, wait until
// every subscriber has every message (or a timeout), collect each delivery's latency, disconnect.
// The same code runs the baseline (bare uWS) and ours (the realtime publisher -> Soketi).
import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { availabilityMessage } from "../../src/services/availability/availability-message.ts";
import { cpuMs, monotonicMs, type TSubscriberCommand, type TSubscriberReply } from "./subscribers-protocol.ts";

const SUBSCRIBERS_MAIN = fileURLToPath(new URL("./subscribers-main.ts", import.meta.url));
const DRAIN_TIMEOUT_MS = 15_000;
const CONNECTS_IN_FLIGHT = 100;

/** A load process and its replies, awaited one type at a time. */
export interface TSubscriberProcess {
  child: ChildProcess;
  ask<T extends TSubscriberReply["type"]>(command: TSubscriberCommand, answer: T): Promise<Extract<TSubscriberReply, { type: T }>>;
}

/** Forks a load process (it inherits this process's CPU pinning). */
export function forkSubscribers(): TSubscriberProcess {
  const child = fork(SUBSCRIBERS_MAIN, [], { execArgv: ["--import", "tsx"], serialization: "advanced", stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const waiting = new Map<string, { resolve: (reply: TSubscriberReply) => void; reject: (error: Error) => void }>();
  child.on("message", (reply: TSubscriberReply) => {
    const waiter = waiting.get(reply.type);
    waiting.delete(reply.type);
    waiter?.resolve(reply);
  });
  child.on("exit", (code) => {
    for (const waiter of waiting.values()) waiter.reject(new Error(`subscriber process exited (${code})`));
    waiting.clear();
  });
  return {
    child,
    ask: (command, answer) =>
      new Promise((resolve, reject) => {
        if (child.exitCode !== null || child.signalCode !== null) return reject(new Error(`subscriber process exited (${child.exitCode ?? child.signalCode})`));
        waiting.set(answer, { resolve: resolve as (reply: TSubscriberReply) => void, reject });
        child.send(command);
      }),
  };
}

/** The message the product publishes on an event's channel (availability-message.ts), numbered and timed. */
export function benchMessage(eventId: string, seq: number, seatsChanged: number): Record<string, unknown> {
  const message = availabilityMessage({
    eventId,
    version: 1_000 + seq,
    previousVersion: 999 + seq,
    ga: ["ticket-type-standard", String(4_000 - seq), "ticket-type-reduced", String(900 - seq)],
    changes: Array.from({ length: seatsChanged }, (_, index) => [`seat-${seq}-${index}`, "H"]).flat(),
    resync: false,
  });
  return { ...message, seq, sentAt: monotonicMs() };
}

export interface TPhaseSettings {
  subscribers: number;
  messages: number;
  warmUp: number;
  intervalMs: number;
  seatsChanged: number;
}

export interface TPhaseResult {
  connectSeconds: number;
  connectP95: number;
  connectFailures: number;
  /** Latencies (ms) of every delivery of the measured messages. */
  latencies: number[];
  /** Per measured message: deliveries / (last arrival - send), deliveries per second. */
  fanoutRates: number[];
  /** Per measured message: last arrival - send (ms). */
  fanoutMs: number[];
  expected: number;
  delivered: number;
  /** CPU time per delivery (µs) from the first publish to the last delivery (warm-up included), servers' and subscribers'. */
  serverCpuMicros: number;
  clientCpuMicros: number;
}

/**
 * Runs one phase: `publish(seq)` sends message `seq` (its body from benchMessage) and resolves when
 * the server accepted it; sends are paced on a fixed schedule and not awaited one by one, as
 * independent publishers' are.
 */
export async function runPhase(
  processes: readonly TSubscriberProcess[],
  target: { urls: string[]; channel: string; serverPids: number[] },
  settings: TPhaseSettings,
  publish: (seq: number) => Promise<void>,
): Promise<TPhaseResult> {
  const connectStarted = monotonicMs();
  const connected = await Promise.all(
    processes.map((process, index) => {
      const count = Math.floor(settings.subscribers / processes.length) + (index < settings.subscribers % processes.length ? 1 : 0);
      return process.ask({ type: "connect", ...target, count, concurrency: CONNECTS_IN_FLIGHT }, "connected");
    }),
  );
  const connectSeconds = (monotonicMs() - connectStarted) / 1000;
  const connectMs = connected.flatMap((reply) => reply.connectMs).sort((a, b) => a - b);
  const connectFailures = connected.reduce((sum, reply) => sum + reply.failures, 0);
  if (connectFailures > 0)
    console.warn(`  ${connectFailures} subscriber(s) failed to connect, e.g. ${connected.find((reply) => reply.firstFailure)?.firstFailure}`);
  const subscribed = connectMs.length;

  const clientCpu = async () =>
    (await Promise.all(processes.map((process) => process.ask({ type: "count" }, "count")))).reduce((sum, reply) => sum + reply.cpuMs, 0);
  const serverCpu = () => target.serverPids.reduce((sum, pid) => sum + cpuMs(pid), 0);
  const cpuBefore = { client: await clientCpu(), server: serverCpu() };
  const total = settings.warmUp + settings.messages;
  const sentAt = new Map<number, number>();
  const sends: Promise<void>[] = [];
  const start = monotonicMs();
  for (let seq = 0; seq < total; seq++) {
    const due = start + seq * settings.intervalMs;
    const wait = due - monotonicMs();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    sentAt.set(seq, monotonicMs());
    sends.push(publish(seq));
  }
  await Promise.all(sends);

  const expectedAll = subscribed * total;
  const drainStarted = monotonicMs();
  for (;;) {
    const counts = await Promise.all(processes.map((process) => process.ask({ type: "count" }, "count")));
    if (counts.reduce((sum, reply) => sum + reply.received, 0) >= expectedAll || monotonicMs() - drainStarted > DRAIN_TIMEOUT_MS) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const cpu = { client: (await clientCpu()) - cpuBefore.client, server: serverCpu() - cpuBefore.server };
  const reports = await Promise.all(processes.map((process) => process.ask({ type: "report" }, "report")));
  await Promise.all(processes.map((process) => process.ask({ type: "close" }, "closed")));

  const latencies: number[] = [];
  const fanoutRates: number[] = [];
  const fanoutMs: number[] = [];
  let delivered = 0;
  let deliveredAll = 0;
  for (const report of reports) for (const message of report.messages) deliveredAll += message.latencies.length;
  for (let seq = settings.warmUp; seq < total; seq++) {
    const parts = reports.flatMap((report) => report.messages.filter((message) => message.seq === seq));
    const count = parts.reduce((sum, part) => sum + part.latencies.length, 0);
    delivered += count;
    for (const part of parts) for (const latency of part.latencies) latencies.push(latency);
    if (count === 0) continue;
    const last = Math.max(...parts.map((part) => part.lastAt)) - sentAt.get(seq)!;
    fanoutMs.push(last);
    fanoutRates.push(count / (last / 1000));
  }
  latencies.sort((a, b) => a - b);
  return {
    connectSeconds,
    connectP95: connectMs[Math.floor(0.95 * connectMs.length)] ?? NaN,
    connectFailures,
    latencies,
    fanoutRates,
    fanoutMs,
    expected: subscribed * settings.messages + connectFailures * settings.messages,
    delivered,
    serverCpuMicros: (1000 * cpu.server) / deliveredAll,
    clientCpuMicros: (1000 * cpu.client) / deliveredAll,
  };
}

// What `npm run bench:fanout` and its subscriber processes say to each other over IPC, and the
// clock they share: CLOCK_MONOTONIC (process.hrtime) is one clock for every process of the machine,
// so a publisher's sentAt and a subscriber's arrival time subtract exactly.

export const monotonicMs = (): number => Number(process.hrtime.bigint()) / 1e6;

export { cpuMs } from "../lib/process-cpu.ts";

export type TSubscriberCommand =
  /** Open `count` subscribers over `urls` (round-robin), `concurrency` handshakes at a time. */
  { type: "connect"; urls: string[]; channel: string; count: number; concurrency: number } | { type: "count" } | { type: "report" } | { type: "close" };

export type TSubscriberReply =
  | { type: "connected"; connectMs: number[]; failures: number; firstFailure?: string }
  /** Deliveries so far, and this process's CPU time (ms, user + system). */
  | { type: "count"; received: number; cpuMs: number }
  /** Per message sequence number: every delivery's latency (ms) and the latest arrival (monotonic ms). */
  | { type: "report"; messages: { seq: number; latencies: Float64Array; lastAt: number }[] }
  | { type: "closed" };

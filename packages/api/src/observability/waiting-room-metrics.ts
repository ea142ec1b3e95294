import type { Db } from "@marquee/db";
import { Counter, Gauge, type Registry } from "prom-client";
import { systemClock } from "../clock.ts";
import type { RedisClient } from "../lib/redis-client.ts";
import { listActiveWaitingRooms } from "../services/queue/admit.ts";
import { queueKeys } from "../services/queue/queue-keys.ts";
import type { TQueueEvent } from "../services/queue/queue-event.ts";

/** At most this many rooms are exported (the most recently opened first): the label set stays bounded. */
export const WAITING_ROOM_METRIC_LIMIT = 50;
/** A scrape must not hang on a slow PostgreSQL or Redis: past this the room gauges are left out. */
const READ_TIMEOUT_MS = 2_000;

/** Where the rooms are read from: the server's own clients. */
export interface TWaitingRoomSource {
  db: Db;
  redis: RedisClient;
  redisPrefix: string;
}

interface TRoomFigures {
  eventId: string;
  waiting: number;
  rate: number;
  admittedTotal: number;
}

interface TSnapshot {
  active: number;
  rooms: TRoomFigures[];
}

const opensAt = (event: TQueueEvent): number => (event.waitingRoomOpensAt ?? event.onSaleAt).getTime();

/**
 * The rooms the booking worker ticks (listActiveWaitingRooms: one PostgreSQL query, never a key scan),
 * then per room one MULTI on its own hash slot: the waiting ZSET's length and the state hash's
 * smoothed admission rate and admission total.
 */
export async function readWaitingRooms(source: TWaitingRoomSource, limit = WAITING_ROOM_METRIC_LIMIT): Promise<TSnapshot> {
  const active = await listActiveWaitingRooms({ db: source.db, redis: source.redis, redisPrefix: source.redisPrefix, clock: systemClock });
  const chosen = [...active].sort((a, b) => opensAt(b) - opensAt(a)).slice(0, limit);
  const rooms = await Promise.all(
    chosen.map(async (event): Promise<TRoomFigures> => {
      const keys = queueKeys(source.redisPrefix, event.id);
      const [waiting, state] = (await source.redis.multi().zcard(keys.waiting).hmget(keys.state, "rate", "admittedTotal").exec()) ?? [];
      const [rate, admittedTotal] = (state?.[1] as (string | null)[] | undefined) ?? [];
      return { eventId: event.id, waiting: Number(waiting?.[1] ?? 0), rate: finite(rate), admittedTotal: finite(admittedTotal) };
    }),
  );
  return { active: active.length, rooms };
}

const finite = (value: string | null | undefined): number => {
  const number = Number(value ?? 0);
  return Number.isFinite(number) ? number : 0;
};

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Waiting-room gauges per event, read at scrape time. A failed read leaves the room series out of
 * that scrape and counts in marquee_waiting_room_metrics_errors_total; the scrape itself succeeds.
 */
export function registerWaitingRoomMetrics(
  registry: Registry,
  source: () => TWaitingRoomSource,
  options: { limit?: number; onError?: (error: unknown) => void } = {},
): void {
  // prom-client starts every metric's collect() of a scrape at once: they share the read in flight.
  let inFlight: Promise<TSnapshot | null> | null = null;
  const errors = new Counter({
    name: "marquee_waiting_room_metrics_errors_total",
    help: "Scrapes whose waiting-room read failed or timed out (the room gauges were left out).",
    registers: [registry],
  });
  const snapshot = (): Promise<TSnapshot | null> =>
    (inFlight ??= withTimeout(readWaitingRooms(source(), options.limit), READ_TIMEOUT_MS)
      .catch((error: unknown) => {
        errors.inc();
        options.onError?.(error);
        return null;
      })
      .finally(() => {
        inFlight = null;
      }));
  const perRoom = (pick: (room: TRoomFigures) => number) =>
    async function collect(this: Gauge<"event_id">) {
      const figures = await snapshot();
      this.reset();
      for (const room of figures?.rooms ?? []) this.set({ event_id: room.eventId }, pick(room));
    };
  new Gauge({
    name: "marquee_waiting_room_queue_length",
    help: "Buyers waiting in an event's waiting room (its waiting ZSET), per active room.",
    labelNames: ["event_id"] as const,
    registers: [registry],
    collect: perRoom((room) => room.waiting),
  });
  new Gauge({
    name: "marquee_waiting_room_admission_rate",
    help: "Admissions per second of an event's waiting room, smoothed as the ETA uses it (stale if the booking worker's ticker stops).",
    labelNames: ["event_id"] as const,
    registers: [registry],
    collect: perRoom((room) => room.rate),
  });
  // A counter (it only grows; a room rebuilt from PostgreSQL starts again, which rate() takes as a reset).
  new Counter({
    name: "marquee_waiting_room_admitted_total",
    help: "Admissions so far of an event's waiting room (its state hash's admittedTotal); rate() of it is the admission rate.",
    labelNames: ["event_id"] as const,
    registers: [registry],
    async collect() {
      const figures = await snapshot();
      this.reset();
      for (const room of figures?.rooms ?? []) this.inc({ event_id: room.eventId }, room.admittedTotal);
    },
  });
  new Gauge({
    name: "marquee_waiting_room_active_rooms",
    help: `Waiting rooms open now (the per-room gauges cover the ${WAITING_ROOM_METRIC_LIMIT} most recently opened).`,
    registers: [registry],
    async collect() {
      // A failed read keeps the last figure (0 would claim that no room is open).
      const figures = await snapshot();
      if (figures) this.set(figures.active);
    },
  });
}

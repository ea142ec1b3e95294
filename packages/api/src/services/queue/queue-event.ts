import type { Db } from "@marquee/db";
import { AppError } from "../../errors.ts";
import { rebuildUnderLock } from "../../lib/redis-lock.ts";
import type { TBookingDeps } from "../booking/types.ts";
import { queueKeys } from "./queue-keys.ts";

/** The event fields the waiting room works with. */
export interface TQueueEvent {
  id: string;
  status: string;
  seatMapId: string | null;
  onSaleAt: Date;
  offSaleAt: Date | null;
  waitingRoomEnabled: boolean;
  waitingRoomOpensAt: Date | null;
  waitingRoomOverbookPct: number;
  admissionTtlSeconds: number;
  waitingRoomAdmitPerMinute: number | null;
  /** Types with people on the waiting list count as having no stock (services/waiting-list). */
  waitingListEnabled: boolean;
}

export const QUEUE_EVENT_SELECT = {
  id: true,
  status: true,
  seatMapId: true,
  onSaleAt: true,
  offSaleAt: true,
  waitingRoomEnabled: true,
  waitingRoomOpensAt: true,
  waitingRoomOverbookPct: true,
  admissionTtlSeconds: true,
  waitingRoomAdmitPerMinute: true,
  waitingListEnabled: true,
} as const;

/** A published event with its waiting room on; anything else is NOT_FOUND or CONFLICT. */
export async function loadQueueEvent(db: Db, eventId: string): Promise<TQueueEvent> {
  const event = await db.event.findUnique({ where: { id: eventId }, select: QUEUE_EVENT_SELECT });
  if (!event || event.status !== "PUBLISHED") throw new AppError("NOT_FOUND", "Event not found.");
  if (!event.waitingRoomEnabled) throw new AppError("CONFLICT", "This event has no waiting room: hold tickets directly.");
  return event;
}

/** How stale a joiner's view of the event's waiting-room settings may be. */
export const QUEUE_EVENT_CACHE_MS = 1_000;
const cache = new Map<string, { event: TQueueEvent; until: number }>();

/**
 * loadQueueEvent through a per-process cache of QUEUE_EVENT_CACHE_MS (wall clock): a crowd joining
 * one event reads it once a second, not once per join. Settings changed by the organiser reach
 * joins (and the admission step a join runs) within a second, the ticker within 5 s.
 */
export async function loadQueueEventCached(db: Db, eventId: string): Promise<TQueueEvent> {
  const hit = cache.get(eventId);
  if (hit && hit.until > Date.now()) return hit.event;
  const event = await loadQueueEvent(db, eventId);
  if (cache.size > 1_000) cache.clear();
  cache.set(eventId, { event, until: Date.now() + QUEUE_EVENT_CACHE_MS });
  return event;
}

const LOCK_TTL_MS = 30_000;
const WAIT_STEP_MS = 25;
const WAIT_LIMIT_MS = 15_000;
const CHUNK = 5_000;

/**
 * Rebuilds the event's waiting room in Redis from PostgreSQL when its ready marker is missing
 * (first use, or Redis lost its data): WAITING tickets in their order, unexpired ADMITTED ones,
 * the closed flag, and the seat count the admission step weighs. One process rebuilds under a
 * lock; admissions wait for the marker (ADMIT_LUA checks it), so nobody is admitted twice.
 */
export async function ensureQueue(deps: TBookingDeps, event: TQueueEvent): Promise<void> {
  const keys = queueKeys(deps.redisPrefix, event.id);
  const outcome = await rebuildUnderLock(
    deps.redis,
    { readyKey: keys.ready, lockKey: keys.lock, ttlMs: LOCK_TTL_MS, waitMs: WAIT_LIMIT_MS, retryEveryMs: WAIT_STEP_MS },
    () => rebuildQueue(deps, event),
  );
  if (outcome === "busy") throw new AppError("INVENTORY_BUSY", "The waiting room is being restored; please retry in a moment.");
}

async function rebuildQueue(deps: TBookingDeps, event: TQueueEvent): Promise<void> {
  const keys = queueKeys(deps.redisPrefix, event.id);
  const now = deps.clock.now().getTime();
  const ttlMs = event.admissionTtlSeconds * 1000;
  const [waiting, admitted, closed, seatTotal] = await Promise.all([
    deps.db.queueTicket.findMany({ where: { eventId: event.id, status: "WAITING" }, select: { id: true, sortKey: true } }),
    deps.db.queueTicket.findMany({
      where: { eventId: event.id, status: "ADMITTED", admittedAt: { gt: new Date(now - ttlMs) } },
      select: { id: true, admittedAt: true },
    }),
    deps.db.queueTicket.count({ where: { eventId: event.id, status: "CLOSED" } }),
    event.seatMapId ? deps.db.seat.count({ where: { seatMapId: event.seatMapId } }) : Promise.resolve(0),
  ]);
  for (let start = 0; start < waiting.length; start += CHUNK) {
    const args = waiting.slice(start, start + CHUNK).flatMap((ticket) => [ticket.sortKey, ticket.id]);
    await deps.redis.zadd(keys.waiting, "NX", ...args);
  }
  if (admitted.length > 0) await deps.redis.zadd(keys.admitted, "NX", ...admitted.flatMap((ticket) => [ticket.admittedAt!.getTime() + ttlMs, ticket.id]));
  await deps.redis.hset(keys.state, { seatTotal, ...(closed > 0 ? { closed: "1" } : {}) });
  await deps.redis.set(keys.ready, "1");
}

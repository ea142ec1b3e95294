import { randomUUID } from "node:crypto";
import type { Db } from "@marquee/db";
import type { RedisClient } from "../../lib/redis-client.ts";
import type { Clock } from "../../clock.ts";
import { claimRedisWindow } from "../../lib/redis-lock.ts";
import { redisScript } from "../../lib/redis-scripts.ts";
import type { RealtimePublisher } from "../../realtime/publisher.ts";
import { inventoryKeys } from "../booking/inventory-keys.ts";
import { availabilityKeys } from "./availability-keys.ts";
import { availabilityMessage, type TAvailabilityMessage } from "./availability-message.ts";
import { PUBLISH_AVAILABILITY_LUA } from "./publish-lua.ts";

/** At most one `availability` message per event per window, across all processes. */
export const AVAILABILITY_WINDOW_MS = 100;
export const AVAILABILITY_EVENT = "availability";
export const availabilityChannel = (eventId: string) => `event-${eventId}`;

export interface TAvailabilityDeps {
  redis: RedisClient;
  redisPrefix: string;
  /** null (tests, scripts without Soketi): nothing is announced. */
  realtime?: RealtimePublisher | null;
}

const publishScript = redisScript(PUBLISH_AVAILABILITY_LUA);
/** Events (per Redis prefix) whose publish this process has scheduled and not yet started. */
const pendingHere = new Set<string>();
const LOG_EVERY_MS = 10_000;
let lastLoggedAt = 0;

/** Publishing is best effort: a failure never fails the change that caused it (logged, throttled). */
function logFailure(eventId: string, error: unknown): void {
  const now = Date.now();
  if (now - lastLoggedAt < LOG_EVERY_MS) return;
  lastLoggedAt = now;
  console.error(`availability publish for event ${eventId} failed:`, error instanceof Error ? error.message : error);
}

/**
 * Call after any stock change of the event (hold taken, released, expired, inventory rebuilt).
 * The first caller of a window takes the event's gate in Redis (claimRedisWindow) and publishes when the
 * window ends, reading the state at that moment; callers that find the gate taken do nothing,
 * because that pending publish reads after their change. The publish step ends the gate
 * atomically with its read, so a change announced after that read opens the next window: the
 * last change is always published. Never throws; resolves once the gate is decided.
 */
export async function announceAvailabilityChange(deps: TAvailabilityDeps, eventId: string): Promise<void> {
  if (!deps.realtime) return;
  // This process's own publish is still to come: it reads after this change, so no Redis call is
  // needed (a burst of holds costs one gate claim per window, not one per hold).
  const pendingKey = `${deps.redisPrefix}:${eventId}`;
  if (pendingHere.has(pendingKey)) return;
  try {
    const token = randomUUID();
    const won = await claimRedisWindow(deps.redis, availabilityKeys(deps.redisPrefix, eventId).gate, AVAILABILITY_WINDOW_MS, token);
    if (!won) return;
    pendingHere.add(pendingKey);
    setTimeout(() => {
      // Cleared before the read: a change from now on is either read by it or opens the next window.
      pendingHere.delete(pendingKey);
      publishAvailability(deps, eventId, token).catch((error: unknown) => logFailure(eventId, error));
    }, AVAILABILITY_WINDOW_MS);
  } catch (error) {
    logFailure(eventId, error);
  }
}

/** Reads and diffs the current state in one Lua step, then sends it; answers what was sent (or null). */
export async function publishAvailability(deps: TAvailabilityDeps, eventId: string, gateToken = ""): Promise<TAvailabilityMessage | null> {
  if (!deps.realtime) return null;
  const inventory = inventoryKeys(deps.redisPrefix, eventId);
  const keys = availabilityKeys(deps.redisPrefix, eventId);
  const answer = (await publishScript(
    deps.redis,
    [inventory.ready, inventory.ga, inventory.seats, inventory.version, inventory.changes, keys.publishedVersion, keys.gate],
    [gateToken],
  )) as [string, string?, string?, string[]?, string[]?, string?];
  if (answer[0] !== "OK") return null;
  const [, version, previous, ga = [], changes = [], resync] = answer;
  const message = availabilityMessage({
    eventId,
    version: Number(version),
    previousVersion: previous ? Number(previous) : null,
    ga,
    changes,
    resync: resync === "1",
  });
  await deps.realtime.trigger(availabilityChannel(eventId), AVAILABILITY_EVENT, message);
  return message;
}

/** How often the booking worker re-announces every on-sale event (see catchUpAvailability). */
export const AVAILABILITY_CATCH_UP_MS = 5_000;

/**
 * Announces every on-sale event once: a publish that was scheduled by a process that died within
 * its window is sent now (a window whose version was already published sends nothing). Goes
 * through the same gate as any change, so the 10-per-second cap holds. The booking worker runs it
 * every AVAILABILITY_CATCH_UP_MS. Answers how many events were looked at.
 */
export async function catchUpAvailability(deps: TAvailabilityDeps & { db: Db; clock: Clock }): Promise<number> {
  if (!deps.realtime) return 0;
  const now = deps.clock.now();
  const events = await deps.db.event.findMany({
    where: { status: "PUBLISHED", onSaleAt: { lte: now }, endsAt: { gt: now }, OR: [{ offSaleAt: null }, { offSaleAt: { gt: now } }] },
    select: { id: true },
  });
  await Promise.all(events.map((event) => announceAvailabilityChange(deps, event.id)));
  return events.length;
}

import { AppError } from "../../errors.ts";
import { rebuildUnderLock } from "../../lib/redis-lock.ts";
import { redisScript } from "../../lib/redis-scripts.ts";
import { announceAvailabilityChange } from "../availability/announce-availability.ts";
import { inventoryKeys, SEAT_BLOCKED, SEAT_SOLD } from "./inventory-keys.ts";
import { REBUILD_LUA, RELEASE_LUA } from "./lua.ts";
import type { TBookingDeps } from "./types.ts";

const rebuildScript = redisScript(REBUILD_LUA);
export const releaseScript = redisScript(RELEASE_LUA);

const LOCK_TTL_MS = 15_000;
const WAIT_STEP_MS = 25;
const WAIT_LIMIT_MS = 10_000;

interface TSnapshot {
  ga: Map<string, number>;
  seats: Map<string, string>;
  /** holdId -> its live items as hold-key fields. */
  holds: Map<string, Map<string, number>>;
}

/** Reads what PostgreSQL says is available, in one consistent snapshot. */
async function readSnapshot(deps: TBookingDeps, eventId: string): Promise<TSnapshot> {
  return deps.db.$transaction(
    async (tx) => {
      const event = await tx.event.findUniqueOrThrow({ where: { id: eventId }, select: { seatMapId: true } });
      const types = await tx.ticketType.findMany({ where: { eventId, capacity: { not: null } }, select: { id: true, capacity: true, soldCount: true } });
      const items = await tx.holdItem.findMany({ where: { eventId, live: true }, select: { holdId: true, ticketTypeId: true, seatId: true, quantity: true } });
      const soldSeats = await tx.orderLine.findMany({ where: { eventId, status: "ACTIVE", seatId: { not: null } }, select: { seatId: true } });
      const blocked = event.seatMapId ? await tx.seat.findMany({ where: { seatMapId: event.seatMapId, blocked: true }, select: { id: true } }) : [];
      const snapshot: TSnapshot = { ga: new Map(types.map((t) => [t.id, (t.capacity ?? 0) - t.soldCount])), seats: new Map(), holds: new Map() };
      for (const seat of blocked) snapshot.seats.set(seat.id, SEAT_BLOCKED);
      for (const line of soldSeats) if (line.seatId) snapshot.seats.set(line.seatId, SEAT_SOLD);
      for (const item of items) {
        const fields = snapshot.holds.get(item.holdId) ?? new Map<string, number>();
        snapshot.holds.set(item.holdId, fields);
        if (item.seatId) {
          snapshot.seats.set(item.seatId, item.holdId);
          fields.set(`seat:${item.seatId}`, 1);
        } else {
          snapshot.ga.set(item.ticketTypeId, (snapshot.ga.get(item.ticketTypeId) ?? 0) - item.quantity);
          fields.set(`ga:${item.ticketTypeId}`, (fields.get(`ga:${item.ticketTypeId}`) ?? 0) + item.quantity);
        }
      }
      return snapshot;
    },
    // Under a burst the pool is busy: wait for a connection rather than fail the rebuild.
    { isolationLevel: "RepeatableRead", maxWait: 10_000, timeout: 15_000 },
  );
}

async function writeSnapshot(deps: TBookingDeps, eventId: string, snapshot: TSnapshot): Promise<void> {
  const keys = inventoryKeys(deps.redisPrefix, eventId);
  const args: (string | number)[] = [deps.clock.now().getTime(), snapshot.ga.size];
  for (const [typeId, available] of snapshot.ga) args.push(typeId, Math.max(0, available));
  args.push(snapshot.seats.size);
  for (const [seatId, state] of snapshot.seats) args.push(seatId, state);
  for (const [holdId, fields] of snapshot.holds) for (const [field, value] of fields) args.push(keys.hold(holdId), field, value);
  await rebuildScript(deps.redis, [keys.ga, keys.seats, keys.ready, keys.version, keys.changes], args);
}

/**
 * A hold that ended after the snapshot was read may have tried to release while its hold key did
 * not exist yet; release it now (the hold key makes this exactly-once).
 */
async function releaseHoldsEndedSince(deps: TBookingDeps, eventId: string, holdIds: string[]): Promise<void> {
  if (holdIds.length === 0) return;
  const ended = await deps.db.hold.findMany({ where: { id: { in: holdIds }, status: { in: ["EXPIRED", "RELEASED"] } }, select: { id: true } });
  const keys = inventoryKeys(deps.redisPrefix, eventId);
  for (const hold of ended) await releaseScript(deps.redis, [keys.ga, keys.seats, keys.version, keys.hold(hold.id), keys.changes], [hold.id]);
}

/**
 * A GA type added after the inventory was built: set its stock from PostgreSQL if Redis still has
 * none (HSETNX, so a concurrent initialiser cannot double it). Returns whether the type exists.
 */
export async function addMissingTicketType(deps: TBookingDeps, eventId: string, ticketTypeId: string): Promise<boolean> {
  const type = await deps.db.ticketType.findFirst({
    where: { id: ticketTypeId, eventId, capacity: { not: null } },
    select: { capacity: true, soldCount: true },
  });
  if (!type) return false;
  const held = await deps.db.holdItem.aggregate({ where: { ticketTypeId, live: true, seatId: null }, _sum: { quantity: true } });
  const available = Math.max(0, (type.capacity ?? 0) - type.soldCount - (held._sum.quantity ?? 0));
  await deps.redis.hsetnx(inventoryKeys(deps.redisPrefix, eventId).ga, ticketTypeId, available);
  return true;
}

/**
 * Rebuilds the event's Redis inventory from PostgreSQL when its ready marker is missing (Redis
 * flushed or restarted). One process rebuilds under a lock; the others wait for the marker.
 */
export async function ensureInventory(deps: TBookingDeps, eventId: string): Promise<void> {
  const keys = inventoryKeys(deps.redisPrefix, eventId);
  const outcome = await rebuildUnderLock(
    deps.redis,
    { readyKey: keys.ready, lockKey: keys.lock, ttlMs: LOCK_TTL_MS, waitMs: WAIT_LIMIT_MS, retryEveryMs: WAIT_STEP_MS },
    async () => {
      const snapshot = await readSnapshot(deps, eventId);
      await writeSnapshot(deps, eventId, snapshot);
      await releaseHoldsEndedSince(deps, eventId, [...snapshot.holds.keys()]);
      void announceAvailabilityChange(deps, eventId);
    },
  );
  if (outcome === "busy") throw new AppError("INVENTORY_BUSY", "Availability is being rebuilt; please retry in a moment.");
}

import { AppError } from "../../errors.ts";
import { announceAvailabilityChange } from "../availability/announce-availability.ts";
import type { TResolvedCart } from "../cart/resolve-cart.ts";
import { getHold } from "./get-hold.ts";
import type { THoldOutput } from "./hold-schemas.ts";
import { inventoryKeys } from "./inventory-keys.ts";
import { releaseScript } from "./rebuild-inventory.ts";
import type { TBookingDeps } from "./types.ts";

export type THoldEnd = "EXPIRED" | "RELEASED";

/**
 * Ends an ACTIVE hold (expired: only once its expiresAt has passed) and returns its stock. The
 * conditional UPDATE lets exactly one caller through, however many jobs, sweepers and buyers race;
 * only that caller releases the Redis stock (which the per-hold key makes exactly-once again).
 * Returns whether this call ended the hold.
 */
export async function endHold(deps: TBookingDeps, holdId: string, end: THoldEnd): Promise<boolean> {
  const now = deps.clock.now();
  const ended = await deps.db.$transaction(async (tx) => {
    const hit = await tx.hold.updateMany({
      where: { id: holdId, status: "ACTIVE", ...(end === "EXPIRED" ? { expiresAt: { lte: now } } : {}) },
      data: { status: end, endedAt: now },
    });
    if (hit.count === 0) return null;
    await tx.holdItem.updateMany({ where: { holdId }, data: { live: false } });
    return tx.hold.findUniqueOrThrow({ where: { id: holdId }, select: { eventId: true } });
  });
  if (!ended) return false;
  const keys = inventoryKeys(deps.redisPrefix, ended.eventId);
  await releaseScript(deps.redis, [keys.ga, keys.seats, keys.version, keys.hold(holdId), keys.changes], [holdId]);
  void announceAvailabilityChange(deps, ended.eventId);
  return true;
}

/** The expiry job's and the sweeper's entry point. */
export const expireHold = (deps: TBookingDeps, holdId: string) => endHold(deps, holdId, "EXPIRED");

/**
 * The buyer gives a hold back early. Releasing twice answers the released hold again; a hold whose
 * time is up is expired instead and answered with HOLD_EXPIRED.
 */
export async function releaseHold(deps: TBookingDeps, cart: TResolvedCart, holdId: string): Promise<THoldOutput> {
  const hold = await getHold(deps, cart, holdId);
  if (hold.status === "EXPIRED") {
    await expireHold(deps, holdId);
    throw new AppError("HOLD_EXPIRED", "This hold has expired.");
  }
  if (hold.status === "ACTIVE") await endHold(deps, holdId, "RELEASED");
  const after = await getHold(deps, cart, holdId);
  if (after.status === "EXPIRED") throw new AppError("HOLD_EXPIRED", "This hold has expired.");
  if (after.status === "CONVERTED") throw new AppError("CONFLICT", "This hold became an order.");
  return after;
}

/** Expires ACTIVE holds past their expiresAt (of one event, if given), oldest first; returns how many this call ended. */
export async function sweepExpiredHolds(deps: TBookingDeps, options: { eventId?: string; batch?: number } = {}): Promise<number> {
  const due = await deps.db.hold.findMany({
    where: { status: "ACTIVE", expiresAt: { lte: deps.clock.now() }, ...(options.eventId ? { eventId: options.eventId } : {}) },
    orderBy: { expiresAt: "asc" },
    take: options.batch ?? 500,
    select: { id: true },
  });
  let ended = 0;
  for (const hold of due) if (await expireHold(deps, hold.id)) ended += 1;
  return ended;
}

/**
 * Gives Redis back the stock of holds that ended in PostgreSQL while their Redis release failed
 * (Redis down or the process gone between the two steps): RELEASE_LUA for each hold that ended
 * since `since` and still has its per-hold key. The key makes this exactly-once, so overlapping
 * windows (and racing the normal release) are harmless. The next window should start at
 * `checkedThrough`: a minute before now (clock skew between processes), or the last hold looked at
 * when the batch was full.
 */
export async function releaseEndedHoldsLeftInRedis(
  deps: TBookingDeps,
  since: Date,
  options: { batch?: number } = {},
): Promise<{ released: number; /** Checked through here: the whole window, or the last hold of a full batch. */ checkedThrough: Date }> {
  const batch = options.batch ?? 5_000;
  const now = deps.clock.now();
  const ended = await deps.db.hold.findMany({
    where: { status: { in: ["EXPIRED", "RELEASED"] }, endedAt: { gte: since } },
    orderBy: { endedAt: "asc" },
    take: batch,
    select: { id: true, eventId: true, endedAt: true },
  });
  const checkedThrough = ended.length === batch ? ended[ended.length - 1]!.endedAt! : new Date(now.getTime() - 60_000);
  if (ended.length === 0) return { released: 0, checkedThrough };
  const exists = await holdKeysExist(deps, ended);
  let released = 0;
  for (const [index, hold] of ended.entries()) {
    if (!exists[index]) continue;
    const keys = inventoryKeys(deps.redisPrefix, hold.eventId);
    if ((await releaseScript(deps.redis, [keys.ga, keys.seats, keys.version, keys.hold(hold.id), keys.changes], [hold.id])) === 1) {
      released += 1;
      void announceAvailabilityChange(deps, hold.eventId);
    }
  }
  return { released, checkedThrough };
}

/**
 * Whether each hold still has its hold key in Redis: one pipeline per event, because a pipeline on
 * a Redis Cluster must stay within one slot and an event's keys share its {eventId} slot.
 */
async function holdKeysExist(deps: TBookingDeps, holds: readonly { id: string; eventId: string }[]): Promise<boolean[]> {
  const byEvent = new Map<string, number[]>();
  for (const [index, hold] of holds.entries()) {
    const indexes = byEvent.get(hold.eventId);
    if (indexes) indexes.push(index);
    else byEvent.set(hold.eventId, [index]);
  }
  const exists = new Array<boolean>(holds.length).fill(false);
  await Promise.all(
    [...byEvent].map(async ([eventId, indexes]) => {
      const pipeline = deps.redis.pipeline();
      for (const index of indexes) pipeline.exists(inventoryKeys(deps.redisPrefix, eventId).hold(holds[index]!.id));
      const replies = (await pipeline.exec()) ?? [];
      for (const [position, index] of indexes.entries()) exists[index] = replies[position]?.[1] === 1;
    }),
  );
  return exists;
}

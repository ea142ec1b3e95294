import type { Db } from "@marquee/db";
import type { RedisClient } from "../../lib/redis-client.ts";
import { AppError } from "../../errors.ts";

// The gate's fast path: one Redis hash per event, ticketTypeId -> entries WAITING or OFFERED, plus
// a READY field once built from PostgreSQL. A type with demand is the list's: public holds on it
// are refused and the waiting room counts it as having no stock.

const READY = "_ready";

export interface TDemandDeps {
  db: Db;
  redis: RedisClient;
  redisPrefix: string;
}

/** `<prefix>:wl:{eventId}:demand`: the {eventId} hash tag puts it in the inventory's cluster slot, so the waiting room's Lua may read it. */
export const waitingListDemandKey = (prefix: string, eventId: string) => `${prefix}:wl:{${eventId}}:demand`;

/** Entries WAITING or OFFERED per ticket type, from PostgreSQL. */
export async function readDemandFromDb(db: Db, eventId: string): Promise<Map<string, number>> {
  const rows = await db.waitingListEntry.groupBy({
    by: ["ticketTypeId"],
    where: { eventId, status: { in: ["WAITING", "OFFERED"] } },
    _count: { _all: true },
  });
  return new Map(rows.map((row) => [row.ticketTypeId, row._count._all]));
}

/**
 * Writes the event's demand hash from PostgreSQL (after every change of an entry's state, and on
 * each sweep). Replaced in one MULTI, so a reader never sees it half written.
 */
export async function refreshDemand(deps: TDemandDeps, eventId: string): Promise<Map<string, number>> {
  const demand = await readDemandFromDb(deps.db, eventId);
  const key = waitingListDemandKey(deps.redisPrefix, eventId);
  const fields: string[] = [READY, "1"];
  for (const [typeId, count] of demand) fields.push(typeId, String(count));
  await deps.redis
    .multi()
    .del(key)
    .hset(key, ...fields)
    .exec();
  return demand;
}

/** The ticket types of `typeIds` the list owns now (one HMGET; rebuilt from PostgreSQL when missing). */
export async function typesOwnedByWaitingList(deps: TDemandDeps, eventId: string, typeIds: readonly string[]): Promise<string[]> {
  if (typeIds.length === 0) return [];
  const key = waitingListDemandKey(deps.redisPrefix, eventId);
  const values = await deps.redis.hmget(key, READY, ...typeIds);
  if (values[0] === null) {
    const demand = await refreshDemand(deps, eventId);
    return typeIds.filter((typeId) => (demand.get(typeId) ?? 0) > 0);
  }
  return typeIds.filter((_, index) => Number(values[index + 1] ?? 0) > 0);
}

/** Makes sure the demand hash exists (the waiting room's admission step reads it). */
export async function ensureDemand(deps: TDemandDeps, eventId: string): Promise<void> {
  if ((await deps.redis.hexists(waitingListDemandKey(deps.redisPrefix, eventId), READY)) === 0) await refreshDemand(deps, eventId);
}

/**
 * The gate of a public hold: on an event with the list on, a type with entries WAITING or OFFERED
 * is sold out to the public (returned stock goes to the list first).
 */
export async function refuseTypesOwnedByWaitingList(
  deps: TDemandDeps,
  event: { id: string; waitingListEnabled: boolean },
  typeIds: readonly string[],
): Promise<void> {
  if (!event.waitingListEnabled) return;
  const [owned] = await typesOwnedByWaitingList(deps, event.id, typeIds);
  if (owned) throw new AppError("SOLD_OUT", "Sold out: returned tickets go to the waiting list first.", { ticketTypeId: owned, reason: "WAITING_LIST" });
}

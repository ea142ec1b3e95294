import { announceAvailabilityChange } from "../availability/announce-availability.ts";
import { inventoryKeys } from "./inventory-keys.ts";
import { redisScript } from "../../lib/redis-scripts.ts";
import { CONVERT_LUA } from "./lua.ts";
import type { TBookingDeps } from "./types.ts";

const convertScript = redisScript(CONVERT_LUA);

/** Redis side of a hold that became a sale (PostgreSQL already says CONVERTED). Exactly once. */
export async function convertHoldInRedis(deps: TBookingDeps, eventId: string, holdId: string): Promise<boolean> {
  const keys = inventoryKeys(deps.redisPrefix, eventId);
  const converted = (await convertScript(deps.redis, [keys.seats, keys.version, keys.hold(holdId), keys.changes], [holdId])) === 1;
  if (converted) void announceAvailabilityChange(deps, eventId);
  return converted;
}

/**
 * Stock changed in PostgreSQL in a way no Lua step mirrors (a sale of stock whose hold had
 * ended): drop the ready marker, so the next hold rebuilds the event's inventory from PostgreSQL.
 */
export async function invalidateInventory(deps: TBookingDeps, eventId: string): Promise<void> {
  await deps.redis.del(inventoryKeys(deps.redisPrefix, eventId).ready);
  void announceAvailabilityChange(deps, eventId);
}

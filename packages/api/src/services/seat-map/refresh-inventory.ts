import type { Context } from "../../context.ts";
import { ensureInventory } from "../booking/rebuild-inventory.ts";
import { inventoryKeys } from "../booking/inventory-keys.ts";

/**
 * Rebuilds the Redis seat inventory of events whose seats just changed (a map rewritten in place,
 * or an event given a copied map), so kills and new seats count at once, not after a restart.
 * Only called for events without holds or sales, so nothing live is lost.
 */
export async function refreshEventInventories(
  ctx: Pick<Context, "db" | "redis" | "redisPrefix" | "clock" | "realtime">,
  where: { seatMapId: string } | { eventId: string },
): Promise<void> {
  const events = await ctx.db.event.findMany({ where: "eventId" in where ? { id: where.eventId } : { seatMapId: where.seatMapId }, select: { id: true } });
  for (const event of events) {
    const keys = inventoryKeys(ctx.redisPrefix, event.id);
    await ctx.redis.del(keys.ready, keys.seats);
    await ensureInventory({ db: ctx.db, redis: ctx.redis, redisPrefix: ctx.redisPrefix, clock: ctx.clock, realtime: ctx.realtime }, event.id);
  }
}

import type { Prisma } from "@marquee/db";
import { AppError } from "../../errors.ts";
import { redisScript } from "../../lib/redis-scripts.ts";
import { announceAvailabilityChange } from "../availability/announce-availability.ts";
import { inventoryKeys } from "../booking/inventory-keys.ts";
import type { TBookingDeps } from "../booking/types.ts";

type Tx = Prisma.TransactionClient;

// KEYS: ga, ready, version. ARGV: typeId, delta, available-if-missing.
// Moves one GA type's Redis stock by the capacity change, never below zero: what Redis holds
// already counts every hold (even one PostgreSQL has not recorded yet), so "below zero" means
// the new capacity is under sold + held. Without the ready marker nothing is written: the next
// rebuild reads the new capacity from PostgreSQL.
const ADJUST_STOCK_LUA = `
if redis.call('EXISTS', KEYS[2]) == 0 then return {'NOT_READY', '0'} end
local current = redis.call('HGET', KEYS[1], ARGV[1])
local nextValue
if current then nextValue = tonumber(current) + tonumber(ARGV[2]) else nextValue = tonumber(ARGV[3]) end
if nextValue < 0 then return {'SHORT', tostring(current)} end
redis.call('HSET', KEYS[1], ARGV[1], nextValue)
local version = redis.call('INCR', KEYS[3])
return {'OK', tostring(nextValue)}
`;
const adjustStockScript = redisScript<[string, string]>(ADJUST_STOCK_LUA);

/** Sold + live-held tickets of a GA type, from PostgreSQL. */
export async function soldAndHeld(tx: Tx, ticketTypeId: string): Promise<{ sold: number; held: number }> {
  const type = await tx.ticketType.findUniqueOrThrow({ where: { id: ticketTypeId }, select: { soldCount: true } });
  const held = await tx.holdItem.aggregate({ where: { ticketTypeId, live: true, seatId: null }, _sum: { quantity: true } });
  return { sold: type.soldCount, held: held._sum.quantity ?? 0 };
}

export const capacityTooLow = (ticketTypeId: string, capacity: number, minimum: number) =>
  new AppError("CAPACITY_BELOW_SOLD", `The capacity cannot go below ${minimum}: that many tickets are sold or held.`, {
    field: "capacity",
    ticketTypeId,
    capacity,
    minimum,
  });

/**
 * Applies a GA capacity change to the event's Redis stock in the same request (call it inside the
 * transaction that changes the row, before commit; `undo` if the commit then fails). Refuses with
 * CAPACITY_BELOW_SOLD when Redis counts more held and sold than the new capacity.
 */
export async function adjustRedisStock(
  deps: TBookingDeps,
  change: { eventId: string; ticketTypeId: string; delta: number; availableIfMissing: number; capacity: number },
): Promise<{ applied: boolean; undo: () => Promise<void> }> {
  const keys = inventoryKeys(deps.redisPrefix, change.eventId);
  const [outcome, value] = await adjustStockScript(
    deps.redis,
    [keys.ga, keys.ready, keys.version],
    [change.ticketTypeId, change.delta, change.availableIfMissing],
  );
  if (outcome === "SHORT") throw capacityTooLow(change.ticketTypeId, change.capacity, change.capacity - change.delta - Number(value));
  const applied = outcome === "OK";
  return {
    applied,
    undo: async () => {
      if (applied) await deps.redis.hincrby(keys.ga, change.ticketTypeId, -change.delta);
    },
  };
}

/** After the commit: tell live pages the stock moved. */
export const announceStock = (deps: TBookingDeps, eventId: string) => void announceAvailabilityChange(deps, eventId);

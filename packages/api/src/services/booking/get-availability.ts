import { AppError } from "../../errors.ts";
import type { TAvailabilityOutput } from "./hold-schemas.ts";
import { SEAT_BLOCKED, SEAT_SOLD, inventoryKeys } from "./inventory-keys.ts";
import { ensureInventory } from "./rebuild-inventory.ts";
import type { TBookingDeps } from "./types.ts";
import { typesOwnedByWaitingList } from "../waiting-list/waiting-list-demand.ts";

async function readInventory(deps: TBookingDeps, eventId: string) {
  const keys = inventoryKeys(deps.redisPrefix, eventId);
  const [ready, ga, seats, version] = (await deps.redis.multi().exists(keys.ready).hgetall(keys.ga).hgetall(keys.seats).get(keys.version).exec()) ?? [];
  return {
    ready: ready?.[1] === 1,
    ga: (ga?.[1] ?? {}) as Record<string, string>,
    seats: (seats?.[1] ?? {}) as Record<string, string>,
    version: Number(version?.[1] ?? 0),
  };
}

/** Live availability from Redis (rebuilt from PostgreSQL first if missing), read in one MULTI. */
export async function getAvailability(deps: TBookingDeps, eventId: string): Promise<TAvailabilityOutput> {
  const event = await deps.db.event.findUnique({ where: { id: eventId }, select: { status: true, waitingListEnabled: true } });
  if (!event || event.status !== "PUBLISHED") throw new AppError("NOT_FOUND", "Event not found.");
  let inventory = await readInventory(deps, eventId);
  if (!inventory.ready) {
    await ensureInventory(deps, eventId);
    inventory = await readInventory(deps, eventId);
  }
  // Stock the waiting list owns is not on public sale (services/waiting-list).
  const owned = new Set(event.waitingListEnabled ? await typesOwnedByWaitingList(deps, eventId, Object.keys(inventory.ga)) : []);
  return {
    eventId,
    version: inventory.version,
    ticketTypes: Object.entries(inventory.ga)
      .map(([ticketTypeId, available]) => ({ ticketTypeId, available: owned.has(ticketTypeId) ? 0 : Math.max(0, Number(available)) }))
      .sort((a, b) => a.ticketTypeId.localeCompare(b.ticketTypeId)),
    unavailableSeatIds: Object.keys(inventory.seats).sort(),
    // Anything but the sold and blocked markers is the id of the hold that has the seat.
    heldSeatIds: Object.entries(inventory.seats)
      .filter(([, value]) => value !== SEAT_SOLD && value !== SEAT_BLOCKED)
      .map(([seatId]) => seatId)
      .sort(),
  };
}

// Test helpers shared by the booking integration tests (never imported by production code).
import { randomUUID } from "node:crypto";
import type { Db } from "@marquee/db";
import type { Factories } from "@marquee/db/testing";
import { dataNodes, type RedisClient } from "../../lib/redis-client.ts";
import { type Clock, systemClock } from "../../clock.ts";
import type { QueueClient } from "../../jobs/queue-client.ts";
import { hashCartToken, newCartToken } from "../cart/cart-token.ts";
import { createCart } from "../cart/create-cart.ts";
import type { TResolvedCart } from "../cart/resolve-cart.ts";
import { inventoryKeys } from "./inventory-keys.ts";
import type { TBookingDepsWithQueues } from "./types.ts";

export interface TKitHarness {
  db: Db;
  redis: RedisClient;
  redisPrefix: string;
  queues: QueueClient;
  make: Factories;
}

export const bookingDeps = (h: TKitHarness, clock: Clock = systemClock): TBookingDepsWithQueues => ({
  db: h.db,
  redis: h.redis,
  redisPrefix: h.redisPrefix,
  queues: h.queues,
  clock,
});

/** A cart as the services see it, plus its bearer token for X-Cart-Token. */
export async function kitCart(h: TKitHarness, userId: string | null = null): Promise<TResolvedCart & { token: string }> {
  const created = await createCart({ db: h.db, clock: systemClock }, userId);
  return { id: created.cartId, userId, expiresAt: created.expiresAt, token: created.token };
}

/** Many guest carts in one INSERT (race tests), each with its bearer token. */
export async function kitCarts(h: TKitHarness, count: number): Promise<(TResolvedCart & { token: string })[]> {
  const expiresAt = new Date(Date.now() + 3_600_000);
  const carts = Array.from({ length: count }, () => ({ id: randomUUID(), token: newCartToken(), userId: null, expiresAt }));
  await h.db.cart.createMany({ data: carts.map((cart) => ({ id: cart.id, tokenHash: hashCartToken(cart.token), expiresAt })) });
  return carts;
}

/** A published, on-sale reserved-seating event with one seated ticket type. */
export async function seatedEvent(h: TKitHarness, { rows = 1, seatsPerRow = 5, maxPerBuyer = null as number | null } = {}) {
  const organization = await h.make.organization();
  const venue = await h.make.venue(organization.id);
  const { seatMap, zone } = await h.make.seatMap(organization.id, venue.id, { rows, seatsPerRow });
  const event = await h.make.event(organization.id, venue.id, { seatMapId: seatMap.id, seatingMode: "RESERVED", maxPerBuyer });
  const ticketType = await h.make.ticketType(event.id, { capacity: null, priceZoneId: zone.id });
  const seats = await h.db.seat.findMany({ where: { seatMapId: seatMap.id }, orderBy: { id: "asc" }, select: { id: true } });
  return { event, ticketType, seatIds: seats.map((s) => s.id) };
}

/** What PostgreSQL says: live GA quantity per type, and seats by number of live holds. */
export async function pgLiveState(db: Db, eventId: string) {
  const items = await db.holdItem.findMany({ where: { eventId, live: true }, select: { ticketTypeId: true, seatId: true, quantity: true } });
  const gaHeld = new Map<string, number>();
  const seatHolds = new Map<string, number>();
  for (const item of items) {
    if (item.seatId) seatHolds.set(item.seatId, (seatHolds.get(item.seatId) ?? 0) + 1);
    else gaHeld.set(item.ticketTypeId, (gaHeld.get(item.ticketTypeId) ?? 0) + item.quantity);
  }
  // The trigger-kept counter marquee_place_hold checks capacity against: must equal the live sum.
  const slots = await db.ticketTypeHeld.groupBy({ by: ["ticketTypeId"], where: { ticketType: { eventId } }, _sum: { quantity: true } });
  const heldCounter = new Map(slots.flatMap((slot) => (slot._sum.quantity ? [[slot.ticketTypeId, Number(slot._sum.quantity)] as const] : [])));
  return { gaHeld, heldCounter, seatHolds, maxHoldsPerSeat: Math.max(0, ...seatHolds.values()) };
}

/** Deletes only this event's inventory keys (the shared Redis db 0 belongs to everyone). */
export async function flushEventInventory(redis: RedisClient, prefix: string, eventId: string): Promise<number> {
  // In a cluster the keys live on the master of their {eventId} slot: ask each master.
  const pattern = `${inventoryKeys(prefix, eventId).ga.slice(0, -3)}*`;
  const keys = (await Promise.all(dataNodes(redis).map((node) => node.keys(pattern)))).flat();
  return keys.length ? redis.del(...keys) : 0;
}

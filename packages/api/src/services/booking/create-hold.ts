import { randomUUID } from "node:crypto";
import { AppError } from "../../errors.ts";
import { bookingHoldExpire, expireHoldJobId } from "../../jobs/definitions.ts";
import { redisScript } from "../../lib/redis-scripts.ts";
import { announceAvailabilityChange } from "../availability/announce-availability.ts";
import { cartRequired, cartTokenHashOf, type TResolvedCart } from "../cart/resolve-cart.ts";
import { currentPrices, pricesFromRows } from "../pricing/current-prices.ts";
import { claimAdmission } from "../queue/claim-admission.ts";
import { refuseTypesOwnedByWaitingList } from "../waiting-list/waiting-list-demand.ts";
import { toHoldOutput } from "./get-hold.ts";
import type { TCreateHoldInput, THoldOutput } from "./hold-schemas.ts";
import { inventoryKeys } from "./inventory-keys.ts";
import { HOLD_LUA } from "./lua.ts";
import { persistHold, type TPersistHold } from "./persist-hold.ts";
import { addMissingTicketType, ensureInventory, releaseScript } from "./rebuild-inventory.ts";
import { loadHoldEvent, loadHoldEventForCart, resolveHoldRequest, type THoldEvent, type TResolvedHold } from "./resolve-hold-request.ts";
import type { TBookingDeps, TBookingDepsWithQueues } from "./types.ts";

const holdScript = redisScript<string[]>(HOLD_LUA);

/** The atomic Redis step: all items or none. Rebuilds the inventory once if it is missing. */
async function takeInRedis(deps: TBookingDeps, holdId: string, resolved: TResolvedHold): Promise<void> {
  const keys = inventoryKeys(deps.redisPrefix, resolved.event.id);
  const args: (string | number)[] = [holdId, resolved.ga.size];
  for (const [typeId, quantity] of resolved.ga) args.push(typeId, quantity);
  for (const seat of resolved.seats) args.push(seat.seatId);
  const run = () => holdScript(deps.redis, [keys.ga, keys.seats, keys.ready, keys.version, keys.hold(holdId), keys.changes], args);
  let [outcome, subject] = await run();
  if (outcome === "NOT_READY") {
    await ensureInventory(deps, resolved.event.id);
    [outcome, subject] = await run();
  }
  if (outcome === "UNKNOWN_TYPE" && subject && (await addMissingTicketType(deps, resolved.event.id, subject))) {
    [outcome, subject] = await run();
  }
  switch (outcome) {
    case "OK":
      return;
    case "SOLD_OUT":
      throw new AppError("SOLD_OUT", "Not enough tickets left.", { ticketTypeId: subject });
    case "SEAT_TAKEN":
      throw new AppError("SEAT_TAKEN", "That seat is not available.", { seatId: subject });
    case "UNKNOWN_TYPE":
      throw new AppError("NOT_FOUND", "Ticket type not found.", { ticketTypeId: subject });
    default:
      throw new Error(`hold script answered ${String(outcome)}`);
  }
}

/** How many tickets of each type the hold takes (the tier on sale depends on the quantity). */
export const quantitiesOf = (resolved: TResolvedHold) => {
  const perType = new Map(resolved.ga);
  for (const seat of resolved.seats) perType.set(seat.ticketTypeId, (perType.get(seat.ticketTypeId) ?? 0) + 1);
  return [...perType].map(([ticketTypeId, quantity]) => ({ ticketTypeId, quantity }));
};

/**
 * The prices a new hold locks: the current price of each of its types (services/pricing), from the
 * rows loadHoldEvent read with the event (the same moment's catalogue), else read now.
 */
export async function holdPrices(deps: TBookingDeps, resolved: TResolvedHold, now: Date) {
  const rows = resolved.event.priceRows;
  const prices = rows ? pricesFromRows(rows.tiers, rows.latest, quantitiesOf(resolved), now) : await currentPrices(deps.db, quantitiesOf(resolved), now);
  return [...prices.values()];
}

async function compensate(deps: TBookingDeps, eventId: string, holdId: string): Promise<void> {
  const keys = inventoryKeys(deps.redisPrefix, eventId);
  await releaseScript(deps.redis, [keys.ga, keys.seats, keys.version, keys.hold(holdId), keys.changes], [holdId]);
}

/**
 * The inventory path every sale takes (the shop's holds, the box office): Redis first (all or
 * nothing), then PostgreSQL's guard; a refusal there undoes the Redis step. Announces the change.
 */
export async function placeHold(deps: TBookingDeps, hold: TPersistHold): Promise<void> {
  await takeInRedis(deps, hold.holdId, hold.resolved);
  try {
    await persistHold(deps.db, hold);
  } catch (error) {
    await compensate(deps, hold.resolved.event.id, hold.holdId);
    throw error;
  } finally {
    // Best effort, never awaited on the hot path, never throws.
    void announceAvailabilityChange(deps, hold.resolved.event.id);
  }
}

/**
 * Holds GA tickets and/or named seats for a cart until the event's hold TTL ends: Redis decides
 * first (fast, atomic), then PostgreSQL records the hold under its own guards; if PostgreSQL
 * refuses, the Redis step is undone. The expiry job is enqueued last (the sweeper backs it up).
 */
export async function createHold(
  deps: TBookingDepsWithQueues,
  cart: TResolvedCart,
  request: { admissionToken: string | null },
  input: TCreateHoldInput,
): Promise<THoldOutput> {
  const now = deps.clock.now();
  return holdForEvent(deps, cart, request, input, await loadHoldEvent(deps.db, input.eventId, now), now);
}

/**
 * createHold for the buyer's X-Cart-Token: the cart and the event (types, prices) in one round
 * trip; an unknown or expired cart is CART_REQUIRED before anything about the event is said.
 */
export async function createHoldForCartToken(
  deps: TBookingDepsWithQueues,
  cartToken: string | null,
  request: { admissionToken: string | null },
  input: TCreateHoldInput,
): Promise<THoldOutput> {
  const tokenHash = cartTokenHashOf(cartToken);
  if (!tokenHash) throw cartRequired();
  const now = deps.clock.now();
  const loaded = await loadHoldEventForCart(deps.db, input.eventId, tokenHash, now);
  if (!loaded.cart) throw cartRequired();
  return holdForEvent(deps, loaded.cart, request, input, loaded.event(), now);
}

async function holdForEvent(
  deps: TBookingDepsWithQueues,
  cart: TResolvedCart,
  request: { admissionToken: string | null },
  input: TCreateHoldInput,
  event: THoldEvent,
  now: Date,
): Promise<THoldOutput> {
  const resolved = await resolveHoldRequest(deps.db, event, input, now);
  await refuseTypesOwnedByWaitingList(deps, event, [...resolved.ga.keys()]);
  const admission = await claimAdmission(deps, event, cart, request.admissionToken);
  const holdId = randomUUID();
  const expiresAt = new Date(now.getTime() + event.holdTtlSeconds * 1000);
  const prices = await holdPrices(deps, resolved, now);
  try {
    await placeHold(deps, { holdId, cart, resolved, expiresAt, prices });
  } catch (error) {
    await admission?.abort();
    throw error;
  }
  // Both only follow the hold: spending the admission and enqueueing the expiry go out together.
  await Promise.all([admission?.commit(), scheduleExpiry(deps, holdId, expiresAt)]);
  return toHoldOutput(
    {
      id: holdId,
      eventId: event.id,
      status: "ACTIVE",
      expiresAt,
      items: [
        ...[...resolved.ga].map(([ticketTypeId, quantity]) => ({ ticketTypeId, seatId: null, quantity })),
        ...resolved.seats.map((seat) => ({ ...seat, quantity: 1 })),
      ],
      prices,
    },
    now,
  );
}

/** Enqueues the hold's expiry job (the sweeper backs it up); also used by the waiting list's offer claims. */
export async function scheduleExpiry(deps: TBookingDepsWithQueues, holdId: string, expiresAt: Date): Promise<void> {
  const delay = Math.max(0, expiresAt.getTime() - deps.clock.now().getTime());
  try {
    await deps.queues.add(bookingHoldExpire, { holdId }, { jobId: expireHoldJobId(holdId), delay });
  } catch {
    // The hold is already durable; the periodic sweeper expires it if this job never exists.
  }
}

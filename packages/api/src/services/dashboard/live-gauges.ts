import { getAvailability } from "../booking/get-availability.ts";
import type { TBookingDeps } from "../booking/types.ts";
import { queueKeys } from "../queue/queue-keys.ts";

/** The events whose gauges are read: published ones only count towards stock and queues. */
export interface TGaugeEvent {
  id: string;
  status: string;
  seatingMode: string;
  seatMapId: string | null;
  waitingRoomEnabled: boolean;
}

export interface TLiveGauges {
  remaining: number | null;
  holdsInFlight: number;
  queueLength: number;
  admissionsPerMinute: number;
  checkIns: number;
}

/** Tickets on sale now, from the availability the shop reads (Redis, rebuilt from PostgreSQL if missing). */
async function remainingOf(deps: TBookingDeps, event: TGaugeEvent): Promise<number> {
  const availability = await getAvailability(deps, event.id);
  if (event.seatingMode === "RESERVED" && event.seatMapId) {
    const seats = await deps.db.seat.count({ where: { seatMapId: event.seatMapId } });
    return Math.max(0, seats - availability.unavailableSeatIds.length);
  }
  return availability.ticketTypes.reduce((sum, type) => sum + type.available, 0);
}

/** The waiting room's length (its Redis ZSET) and the admission rate its ticker measured (per second in its state hash). */
async function queueOf(deps: TBookingDeps, eventId: string): Promise<{ length: number; perMinute: number }> {
  const keys = queueKeys(deps.redisPrefix, eventId);
  const [length, rate] = (await deps.redis.multi().zcard(keys.waiting).hget(keys.state, "rate").exec()) ?? [];
  const perSecond = Number(rate?.[1] ?? 0);
  return { length: Number(length?.[1] ?? 0), perMinute: Number.isFinite(perSecond) ? Math.round(perSecond * 60 * 10) / 10 : 0 };
}

/** Live figures of a set of events (one event, or an organisation's on-sale events): stock, holds, queue, check-ins. */
export async function readLiveGauges(deps: TBookingDeps, events: readonly TGaugeEvent[], allEventIds: readonly string[]): Promise<TLiveGauges> {
  const published = events.filter((event) => event.status === "PUBLISHED");
  const [remaining, queues, holdsInFlight, checkIns] = await Promise.all([
    Promise.all(published.map((event) => remainingOf(deps, event))),
    Promise.all(published.filter((event) => event.waitingRoomEnabled).map((event) => queueOf(deps, event.id))),
    deps.db.hold.count({ where: { eventId: { in: [...allEventIds] }, status: "ACTIVE", expiresAt: { gt: deps.clock.now() } } }),
    // Counted entries only: exits, undone scans and double entries (recorded ALREADY_USED) are no check-ins.
    deps.db.scan.count({ where: { eventId: { in: [...allEventIds] }, result: "ACCEPTED", kind: "ENTRY", annulledAt: null } }),
  ]);
  return {
    remaining: published.length ? remaining.reduce((sum, value) => sum + value, 0) : null,
    holdsInFlight,
    queueLength: queues.reduce((sum, queue) => sum + queue.length, 0),
    admissionsPerMinute: queues.reduce((sum, queue) => sum + queue.perMinute, 0),
    checkIns,
  };
}

/** Holds started in the window (the conversion's denominator), from the Hold rows themselves. */
export async function holdsCreated(deps: TBookingDeps, eventIds: readonly string[], from: Date, to: Date): Promise<number> {
  return deps.db.hold.count({ where: { eventId: { in: [...eventIds] }, createdAt: { gte: from, lte: to } } });
}

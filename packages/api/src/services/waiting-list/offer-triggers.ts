import { bookingWaitingListOffer, waitingListOfferJobId } from "../../jobs/definitions.ts";
import type { TBookingDeps, TBookingDepsWithQueues } from "../booking/types.ts";
import { offerReturnedStock, type TOfferRun } from "./offer-returned-stock.ts";

// Stock comes back through several doors (hold expiry or release, refunds, cancelled or expired
// orders, capacity raised); each runs the event's offers soon, and the booking worker's sweep
// (every HOLD_SWEEP_EVERY_MS) is the backstop for any door that did not.

const NOTHING: TOfferRun = { expired: 0, offered: [] };

async function listEnabled(deps: Pick<TBookingDeps, "db">, eventId: string): Promise<boolean> {
  const event = await deps.db.event.findUnique({ where: { id: eventId }, select: { waitingListEnabled: true } });
  return event?.waitingListEnabled === true;
}

/** Adds the booking job that runs an event's offers (deduped by jobId while one waits). Never throws: the sweep backs it up. */
export async function requestWaitingListOffers(deps: Pick<TBookingDepsWithQueues, "db" | "queues">, eventId: string): Promise<void> {
  try {
    if (!(await listEnabled(deps, eventId))) return;
    await deps.queues.add(bookingWaitingListOffer, { eventId }, { jobId: waitingListOfferJobId(eventId) });
  } catch {
    // The sweep runs the offers within seconds anyway.
  }
}

/** The booking worker, after it ended a hold: its stock may belong to the event's list. */
export async function offerAfterHoldEnded(deps: TBookingDeps, holdId: string): Promise<TOfferRun> {
  const hold = await deps.db.hold.findUnique({ where: { id: holdId }, select: { eventId: true } });
  if (!hold || !(await listEnabled(deps, hold.eventId))) return NOTHING;
  return offerReturnedStock(deps, hold.eventId);
}

/** The booking worker, after a refund completed or an order changed: the order's event's offers. */
export async function offerForOrder(deps: TBookingDeps, orderId: string): Promise<TOfferRun> {
  const order = await deps.db.order.findUnique({ where: { id: orderId }, select: { eventId: true } });
  if (!order || !(await listEnabled(deps, order.eventId))) return NOTHING;
  return offerReturnedStock(deps, order.eventId);
}

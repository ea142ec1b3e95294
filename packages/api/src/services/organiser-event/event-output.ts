import type { Db } from "@marquee/db";
import type { TOrganizerEvent } from "./event-schemas.ts";

type TEventRow = Awaited<ReturnType<Db["event"]["findUniqueOrThrow"]>>;

/** The fields an organiser's answers carry (`ZOrganizerEvent`). */
export const organizerEvent = (event: TEventRow): TOrganizerEvent => ({
  id: event.id,
  organizationId: event.organizationId,
  slug: event.slug,
  name: event.name,
  status: event.status,
  seatingMode: event.seatingMode,
  venueId: event.venueId,
  seatMapId: event.seatMapId,
  currency: event.currency,
  timezone: event.timezone,
  startsAt: event.startsAt,
  endsAt: event.endsAt,
  doorsAt: event.doorsAt,
  onSaleAt: event.onSaleAt,
  offSaleAt: event.offSaleAt,
  holdTtlSeconds: event.holdTtlSeconds,
  maxPerOrder: event.maxPerOrder,
  maxPerBuyer: event.maxPerBuyer,
  waitingRoomEnabled: event.waitingRoomEnabled,
  cancelledAt: event.cancelledAt,
});

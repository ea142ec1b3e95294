import type { Db } from "@marquee/db";
import { createFactories } from "@marquee/db/testing";

/** One published, on-sale GA event with one ticket type, and limits no bench run reaches (10 per order, a million per buyer). */
export async function benchGaEvent(db: Db, options: { capacity: number; holdTtlSeconds?: number }) {
  const make = createFactories(db);
  const organization = await make.organization();
  const venue = await make.venue(organization.id);
  const ttl = options.holdTtlSeconds === undefined ? {} : { holdTtlSeconds: options.holdTtlSeconds };
  const event = await make.event(organization.id, venue.id, { maxPerOrder: 10, maxPerBuyer: 1_000_000, ...ttl });
  const ticketType = await make.ticketType(event.id, { capacity: options.capacity, maxPerOrder: 10 });
  return { organization, event, ticketType };
}

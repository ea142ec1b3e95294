import { describe, expect, it } from "vitest";
import { fixedClock } from "../clock.ts";
import { useHarness } from "../testing/harness.ts";

const h = useHarness();
const HOUR = 3_600_000;

describe("event.list (public)", () => {
  it("lists published, not yet ended events soonest first, with venue, lowest price and sale state", async () => {
    const { organization, venue } = await h.make.gaEvent();
    const tag = `Gala ${crypto.randomUUID().slice(0, 8)}`;
    const now = Date.now();
    const later = await h.make.event(organization.id, venue.id, {
      name: `${tag} later`,
      startsAt: new Date(now + 48 * HOUR),
      endsAt: new Date(now + 50 * HOUR),
    });
    const sooner = await h.make.event(organization.id, venue.id, { name: `${tag} sooner`, onSaleAt: new Date(now + HOUR) });
    await h.make.ticketType(sooner.id, {}, 4500);
    await h.make.ticketType(sooner.id, {}, 1500);
    await h.make.event(organization.id, venue.id, { name: `${tag} draft`, status: "DRAFT" });
    await h.make.event(organization.id, venue.id, {
      name: `${tag} past`,
      startsAt: new Date(now - 5 * HOUR),
      endsAt: new Date(now - 2 * HOUR),
      onSaleAt: new Date(now - 9 * HOUR),
    });

    const caller = await h.callerAs(null, { clock: fixedClock(new Date(now)) });
    const events = await caller.event.list({ search: tag });

    expect(events.map((event) => event.name)).toEqual([`${tag} sooner`, `${tag} later`]);
    expect(events[0]).toMatchObject({ id: sooner.id, minPriceMinor: 1500, saleState: "soon", venue: { name: venue.name, city: "Berlin" } });
    expect(events[1]).toMatchObject({ id: later.id, minPriceMinor: null, saleState: "on-sale" });
  });

  it("rejects malformed input with a validation error", async () => {
    const caller = await h.callerAs(null);
    await expect(caller.event.list({ limit: 500 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

import { testDatabaseUrl } from "@marquee/db/testing";
import { afterEach, describe, expect, it } from "vitest";
import { useHarness } from "../../testing/harness.ts";
import { listenForSiteChanges, parseSiteChange, type TSiteChange, type TSiteChangeListener } from "./site-changes.ts";

const h = useHarness();
const listeners: TSiteChangeListener[] = [];
afterEach(async () => {
  await Promise.all(listeners.splice(0).map((listener) => listener.close()));
});

/** Polls until `check` passes (no fixed sleeps). */
async function eventually(check: () => void, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

async function listen() {
  const changes: TSiteChange[] = [];
  const listener = listenForSiteChanges({ databaseUrl: testDatabaseUrl(), onChange: (change) => changes.push(change) });
  listeners.push(listener);
  await listener.ready;
  changes.splice(0);
  const slugs = () => changes.flatMap((change) => (change === "*" ? ["*"] : change));
  return { changes, slugs };
}

describe("site changes (marquee_site_pages)", () => {
  it("names the event whose page a console change made stale: the event, a ticket type, a price, the venue", async () => {
    const { event, ticketType, venue } = await h.make.gaEvent();
    const { slugs } = await listen();

    await h.db.event.update({ where: { id: event.id }, data: { description: "New words" } });
    await eventually(() => expect(slugs()).toEqual([event.slug]));
    await h.db.ticketType.update({ where: { id: ticketType.id }, data: { name: "Early bird" } });
    await eventually(() => expect(slugs()).toEqual([event.slug, event.slug]));
    await h.db.priceTier.updateMany({ where: { ticketTypeId: ticketType.id }, data: { priceMinor: 4_200 } });
    await eventually(() => expect(slugs()).toEqual([event.slug, event.slug, event.slug]));
    await h.db.venue.update({ where: { id: venue.id }, data: { name: "Renamed Hall" } });
    await eventually(() => expect(slugs().slice(3)).toContain(event.slug));
  });

  it("stays quiet on sales: sold counters change no page's HTML", async () => {
    const { event, ticketType } = await h.make.gaEvent();
    const marker = await h.make.gaEvent();
    const { slugs } = await listen();
    await h.db.ticketType.update({ where: { id: ticketType.id }, data: { soldCount: { increment: 2 } } });
    await h.db.priceTier.updateMany({ where: { ticketTypeId: ticketType.id }, data: { soldCount: { increment: 2 } } });
    // Notifications arrive in commit order: once the marker's is in, the sales' would have been too.
    await h.db.event.update({ where: { id: marker.event.id }, data: { description: "marker" } });
    await eventually(() => expect(slugs()).toContain(marker.event.slug));
    expect(slugs()).not.toContain(event.slug);
  });

  it("reports everything ('*') after it connects, and keeps retrying a database it cannot reach", async () => {
    const errors: unknown[] = [];
    const changes: TSiteChange[] = [];
    const listener = listenForSiteChanges({
      databaseUrl: "postgresql://postgres@127.0.0.1:1/none",
      onChange: (c) => changes.push(c),
      onError: (e) => errors.push(e),
      retryMs: 10,
    });
    listeners.push(listener);
    await eventually(() => expect(errors.length).toBeGreaterThanOrEqual(2));
    expect(changes).toEqual([]);

    const { changes: connected } = await (async () => {
      const seen: TSiteChange[] = [];
      const ok = listenForSiteChanges({ databaseUrl: testDatabaseUrl(), onChange: (c) => seen.push(c) });
      listeners.push(ok);
      await ok.ready;
      return { changes: seen };
    })();
    expect(connected).toEqual(["*"]);
  });

  it("reads a payload as slugs, or everything when it is empty or says so", () => {
    expect(parseSiteChange("a b")).toEqual(["a", "b"]);
    expect(parseSiteChange("*")).toBe("*");
    expect(parseSiteChange("")).toBe("*");
    expect(parseSiteChange(undefined)).toBe("*");
  });
});

// DATABASE_READ_URL: the public catalogue reads (event.list, event.get) go to ctx.dbRead, a read
// replica; holds, carts and everything a buyer writes or must read back stay on ctx.db.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { Db } from "@marquee/db";
import { describe, expect, it } from "vitest";
import { createContextInner } from "../context.ts";
import { createWebCaller } from "../root.ts";
import { kitCart } from "../services/booking/booking-test-kit.ts";
import { useHarness } from "../testing/harness.ts";

const h = useHarness();

/** The harness's client with every operation recorded (model.operation; raw queries by name). */
function recording(db: Db, seen: string[]): Db {
  const extended = db.$extends({
    query: {
      $allOperations({ model, operation, args, query }) {
        seen.push(`${model ?? "$"}.${operation}`);
        return query(args);
      },
    },
  });
  return extended as unknown as Db;
}

function callerWith(primary: string[], replica: string[], cartToken: string | null) {
  return createWebCaller(
    createContextInner({
      db: recording(h.db, primary),
      dbRead: recording(h.db, replica),
      redis: h.redis,
      redisPrefix: h.redisPrefix,
      queues: h.queues,
      request: { cartToken, admissionToken: null },
    }),
  );
}

describe("read replica (ctx.dbRead)", () => {
  it("serves the event listing, search and event page, and nothing a buyer writes", async () => {
    const organization = await h.make.organization();
    const venue = await h.make.venue(organization.id);
    const event = await h.make.event(organization.id, venue.id, { maxPerOrder: 4 });
    const ticketType = await h.make.ticketType(event.id, { capacity: 10 });
    const cart = await kitCart(h);

    const primary: string[] = [];
    const replica: string[] = [];
    const caller = callerWith(primary, replica, cart.token);
    // Searched by this test's venue: the shared database holds other tests' events.
    const listed = await caller.event.list({ search: venue.name, limit: 50 });
    expect(listed.map((e) => e.id)).toEqual([event.id]);
    expect((await caller.event.list({ limit: 50 })).length).toBeGreaterThan(0);
    expect((await caller.event.get({ idOrSlug: event.slug })).id).toBe(event.id);
    expect(replica.filter((op) => op.startsWith("Event."))).not.toEqual([]);
    // The rate limiter is Redis; the catalogue reads touched the primary not at all.
    expect(primary).toEqual([]);

    replica.length = 0;
    const hold = await caller.hold.create({ eventId: event.id, items: [{ ticketTypeId: ticketType.id, quantity: 1 }] });
    expect(hold.id).toBeTruthy();
    expect(await caller.hold.get({ holdId: hold.id })).toMatchObject({ id: hold.id });
    expect(primary).not.toEqual([]);
    expect(replica).toEqual([]);
  });

  it("is read only by the event router's listing and event page", () => {
    const src = fileURLToPath(new URL("..", import.meta.url));
    const files = (readdirSync(src, { recursive: true }) as string[]).filter((file) => /\.tsx?$/.test(file) && !/\.test\.ts$/.test(file));
    const readers = files
      .filter((file) => /ctx\.dbRead/.test(readFileSync(join(src, file), "utf8")))
      .map((file) => relative(src, join(src, file)))
      .sort();
    expect(readers).toEqual(["routers/event.ts"]);
    const uses = readFileSync(join(src, "routers/event.ts"), "utf8").match(/ctx\.dbRead/g) ?? [];
    expect(uses).toHaveLength(2);
  });
});

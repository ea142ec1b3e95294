// Part 2: createHold over HTTP (POST /api/v1/events/{eventId}/holds on the standalone API server,
// its own database and Redis prefix) vs a bare node:http no-op server, same autocannon load.
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { createDb } from "@marquee/db";
import { createFactories, createTestDatabase } from "@marquee/db/testing";
import { hashCartToken, newCartToken } from "../../src/services/cart/cart-token.ts";
import { deferCleanup, type Figures, freePort, noopServerSource, runAutocannon, startServer, stopServers, summarise, waitFor } from "../lib/load.ts";

export interface HttpOptions {
  root: string;
  env: Record<string, string | undefined>;
  redisPrefix: string;
  connections: number;
  duration: number;
  rounds: number;
  carts: number;
}

const UNLIMITED = "1000000000";

export async function benchHoldHttp(options: HttpOptions) {
  const database = await createTestDatabase(options.env.DATABASE_URL);
  const db = createDb(database.url, { max: 4 });
  const dropDatabase = deferCleanup(async () => {
    await stopServers();
    await db.$disconnect();
    await database.drop();
  });
  try {
    // One on-sale GA event with a huge capacity and limits no buyer reaches in a run.
    const make = createFactories(db);
    const organization = await make.organization();
    const venue = await make.venue(organization.id);
    const event = await make.event(organization.id, venue.id, { maxPerOrder: 10, maxPerBuyer: 1_000_000 });
    const ticketType = await make.ticketType(event.id, { capacity: 2_000_000_000, maxPerOrder: 10 });
    const expiresAt = new Date(Date.now() + 6 * 3_600_000);
    const tokens = Array.from({ length: options.carts }, () => newCartToken());
    await db.cart.createMany({ data: tokens.map((token) => ({ id: randomUUID(), tokenHash: hashCartToken(token), expiresAt })) });

    const [barePort, apiPort] = await Promise.all([freePort(), freePort()]);
    const serverEnv = {
      ...options.env,
      NODE_ENV: "production",
      DATABASE_URL: database.url,
      REDIS_PREFIX: options.redisPrefix,
      API_HOST: "127.0.0.1",
      API_PORT: String(apiPort),
      // The limiter still runs on every request (Redis calls), but never trips during the load.
      RATE_LIMIT_HOLD_PER_MINUTE: UNLIMITED,
      RATE_LIMIT_HOLD_PER_CART_PER_MINUTE: UNLIMITED,
      RATE_LIMIT_POLL_PER_MINUTE: UNLIMITED,
      RATE_LIMIT_POLL_PER_CART_PER_MINUTE: UNLIMITED,
    };
    startServer("bare", [process.execPath, "-e", noopServerSource(barePort)], options.root, serverEnv);
    startServer("api", [process.execPath, "--import", "tsx", join("packages/api/src/http/standalone-main.ts")], options.root, serverEnv);
    await Promise.all([waitFor(`http://127.0.0.1:${barePort}/`), waitFor(`http://127.0.0.1:${apiPort}/healthz`)]);

    const body = JSON.stringify({ items: [{ ticketTypeId: ticketType.id, quantity: 1 }] });
    let next = 0;
    const load = (port: number, duration: number) =>
      runAutocannon({
        url: `http://127.0.0.1:${port}`,
        connections: options.connections,
        duration,
        requests: [
          {
            method: "POST",
            path: `/api/v1/events/${event.id}/holds`,
            headers: { "content-type": "application/json" },
            body,
            // Round-robin over the pre-created carts (the bare server ignores the header).
            setupRequest: (request) => ({ ...request, headers: { ...request.headers, "x-cart-token": tokens[next++ % tokens.length]! } }),
          },
        ],
      });

    // autocannon stops counting at the deadline; holds still in flight finish afterwards. Wait for
    // them before the next run (and before stopping the server).
    const drained = async () => {
      let before = -1;
      for (let count = await db.hold.count({ where: { eventId: event.id } }); count !== before; count = await db.hold.count({ where: { eventId: event.id } })) {
        before = count;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    };

    // Warm-up: JIT, connection pools, script cache, the event's Redis inventory built from PostgreSQL.
    await load(barePort, 1);
    const warm = await load(apiPort, 2);
    await drained();
    const bare: Figures[] = [];
    const ours: Figures[] = [];
    for (let round = 0; round < options.rounds; round++) {
      bare.push(await load(barePort, options.duration));
      ours.push(await load(apiPort, options.duration));
      await drained();
    }
    await stopServers();
    // Cross-check: every 201 is a hold in PostgreSQL (warm-up included).
    const holdsInPg = await db.hold.count({ where: { eventId: event.id } });
    const created = [warm, ...ours].reduce((sum, f) => sum + (f.statuses["201"] ?? 0), 0);
    return { bare: summarise(bare), ours: summarise(ours), oursRounds: ours.map((f) => f.rps), holdsInPg, created };
  } finally {
    await dropDatabase();
  }
}

// `npm run bench:pricing [-- --quick] [--types 200] [--holds 300]`: what demand pricing costs.
// 1. The sweep: recomputePrice for N demand-priced types, each with sales in its window (every
//    recompute reads settings, the last version, the window's sales and stock, and writes a
//    version, an audit entry and an outbox row), as ms per type.
// 2. Holds: createHold on a demand-priced type against the same on a fixed-price type (both lock
//    their price in HoldPrice), and the price read alone (currentPrices) as its share of a hold.
// Prints figures and ratios measured in the same run; it is a script, never a test. Needs
// PostgreSQL and Redis (DATABASE_URL, REDIS_URL); uses a database of its own and drops it.
import { randomUUID } from "node:crypto";
import { createDb, type Db } from "@marquee/db";
import { createFactories, createTestDatabase } from "@marquee/db/testing";
import { Redis } from "ioredis";
import { systemClock } from "../../src/clock.ts";
import { createQueueClient } from "../../src/jobs/queue-client.ts";
import { createHold } from "../../src/services/booking/create-hold.ts";
import { createCart } from "../../src/services/cart/create-cart.ts";
import { currentPrices } from "../../src/services/pricing/current-prices.ts";
import { sweepDemandPrices } from "../../src/services/pricing/recompute-price.ts";
import { benchEnv, isQuick } from "../lib/env.ts";
import { numberOption } from "../lib/load.ts";

const args = process.argv.slice(2);
const types = numberOption(args, "types", isQuick(args) ? 20 : 200);
const holds = numberOption(args, "holds", isQuick(args) ? 50 : 300);

const SETTINGS = { floorMinor: 1000, ceilingMinor: 100_000, stepMinor: 100, windowMinutes: 15, raiseAtPerMinute: 0.1, minIntervalSeconds: 0 };

/** N demand-priced types on one event, each with a START version and one paid order of 5 in the window. */
async function seedTypes(db: Db, count: number) {
  const make = createFactories(db);
  const { event } = await make.gaEvent({ capacity: 10 });
  for (let i = 0; i < count; i++) {
    const type = await make.ticketType(event.id, { capacity: 10_000 });
    await db.demandPricing.create({ data: { ticketTypeId: type.id, eventId: event.id, enabled: true, ...SETTINGS } });
    await db.priceVersion.create({
      data: { ticketTypeId: type.id, eventId: event.id, version: 1, priceMinor: 2500, currency: "EUR", reason: "START", inputs: {} },
    });
  }
  await db.$executeRaw`
    WITH o AS (
      INSERT INTO "Order" (id, reference, "organizationId", "eventId", status, "buyerName", "buyerEmail", currency, "subtotalMinor", "totalMinor", "updatedAt", "paidAt")
      SELECT gen_random_uuid(), 'MQ-P' || substr(md5(t.id::text), 1, 12), ${event.organizationId}::uuid, ${event.id}::uuid, 'PAID', 'Buyer', 'b@example.test', 'EUR', 12500, 12500, now(), now()
      FROM "TicketType" t JOIN "DemandPricing" d ON d."ticketTypeId" = t.id WHERE t."eventId" = ${event.id}::uuid
      RETURNING id, reference)
    INSERT INTO "OrderLine" (id, "orderId", "eventId", "ticketTypeId", quantity, "unitPriceMinor", "totalMinor")
    SELECT gen_random_uuid(), o.id, ${event.id}::uuid, t.id, 5, 2500, 12500
    FROM o JOIN "TicketType" t ON 'MQ-P' || substr(md5(t.id::text), 1, 12) = o.reference`;
}

async function holdLoop(deps: Parameters<typeof createHold>[0], eventId: string, ticketTypeId: string, count: number) {
  const carts = [];
  for (let i = 0; i < count; i++) carts.push(await createCart({ db: deps.db, clock: systemClock }, null));
  const times: number[] = [];
  for (const cart of carts) {
    const started = performance.now();
    await createHold(
      deps,
      { id: cart.cartId, userId: null, expiresAt: cart.expiresAt },
      { admissionToken: null },
      { eventId, items: [{ ticketTypeId, quantity: 1 }] },
    );
    times.push(performance.now() - started);
  }
  return times;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.95)]!;

async function main() {
  const env = benchEnv();
  const database = await createTestDatabase(env.DATABASE_URL);
  const db = createDb(database.url, { max: 4 });
  const redis = new Redis(env.REDIS_URL!, { maxRetriesPerRequest: null });
  const redisPrefix = `bench-pricing-${randomUUID().slice(0, 8)}`;
  const queues = createQueueClient(redis, redisPrefix);
  try {
    await seedTypes(db, types);
    const started = performance.now();
    const swept = await sweepDemandPrices({ db, clock: systemClock });
    const sweepMs = performance.now() - started;
    console.info(
      `sweep: ${swept.checked} types, ${swept.changed} changed, ${swept.failed} failed in ${sweepMs.toFixed(0)} ms (${(sweepMs / types).toFixed(2)} ms a type)`,
    );

    const make = createFactories(db);
    const { event } = await make.gaEvent({ capacity: 10 });
    const plain = await make.ticketType(event.id, { capacity: 100_000 });
    const demand = await make.ticketType(event.id, { capacity: 100_000 });
    await db.demandPricing.create({ data: { ticketTypeId: demand.id, eventId: event.id, enabled: true, ...SETTINGS } });
    await db.priceVersion.create({
      data: { ticketTypeId: demand.id, eventId: event.id, version: 1, priceMinor: 2500, currency: "EUR", reason: "START", inputs: {} },
    });
    const deps = { db, redis, redisPrefix, queues, clock: systemClock };
    await holdLoop(deps, event.id, plain.id, 10); // warm-up: inventory built, plans cached
    const fixed = await holdLoop(deps, event.id, plain.id, holds);
    const demanded = await holdLoop(deps, event.id, demand.id, holds);
    const reads: number[] = [];
    for (let i = 0; i < holds; i++) {
      const t = performance.now();
      await currentPrices(db, [{ ticketTypeId: demand.id, quantity: 1 }], new Date());
      reads.push(performance.now() - t);
    }
    console.info(`createHold, fixed-price type:  median ${median(fixed).toFixed(2)} ms, p95 ${p95(fixed).toFixed(2)} ms (${holds} holds)`);
    console.info(
      `createHold, demand-priced type: median ${median(demanded).toFixed(2)} ms, p95 ${p95(demanded).toFixed(2)} ms (ratio ${(median(demanded) / median(fixed)).toFixed(2)})`,
    );
    console.info(`currentPrices alone: median ${median(reads).toFixed(2)} ms (${((median(reads) / median(fixed)) * 100).toFixed(0)} % of a fixed-price hold)`);
  } finally {
    await queues.close();
    const keys = await redis.keys(`${redisPrefix}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
    await db.$disconnect();
    await database.drop();
  }
}

await main();

// Part 2: createHold over HTTP (POST /api/v1/events/{eventId}/holds on the standalone API server,
// its own database and Redis prefix) vs a bare node:http no-op server, same autocannon load.
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { createDb } from "@marquee/db";
import { createTestDatabase } from "@marquee/db/testing";
import { hashCartToken, newCartToken } from "../../src/services/cart/cart-token.ts";
import { inventoryKeys } from "../../src/services/booking/inventory-keys.ts";
import { Redis } from "ioredis";
import { apiServerEnv, buyerRateLimits } from "../lib/env.ts";
import { benchGaEvent } from "../lib/bench-event.ts";
import { startFloor } from "../lib/floor.ts";
import { cpuMeter, withCpu } from "../lib/process-cpu.ts";
import { runFixedRate } from "./fixed-rate.ts";
import { deferCleanup, type Figures, freePort, noopServerSource, runAutocannon, startServer, stopServers, summarise, waitFor } from "../lib/load.ts";

export interface HttpOptions {
  root: string;
  env: Record<string, string | undefined>;
  redisPrefix: string;
  connections: number;
  duration: number;
  rounds: number;
  carts: number;
  /** Set: the API server runs with --cpu-prof into this directory (written when it stops). */
  profileDir?: string | null;
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
    const { event, ticketType } = await benchGaEvent(db, { capacity: 2_000_000_000 });
    const expiresAt = new Date(Date.now() + 6 * 3_600_000);
    const tokens = Array.from({ length: options.carts }, () => newCartToken());
    await db.cart.createMany({ data: tokens.map((token) => ({ id: randomUUID(), tokenHash: hashCartToken(token), expiresAt })) });

    const [barePort, apiPort] = await Promise.all([freePort(), freePort()]);
    const serverEnv = {
      ...apiServerEnv(options.env, { databaseUrl: database.url, redisPrefix: options.redisPrefix, port: apiPort }),
      // The limiter still runs on every request (Redis calls), but never trips during the load.
      ...buyerRateLimits(UNLIMITED, ["HOLD", "POLL"]),
    };
    startServer("bare", [process.execPath, "-e", noopServerSource(barePort)], options.root, serverEnv);
    const profile = options.profileDir ? ["--cpu-prof", "--cpu-prof-dir", options.profileDir] : [];
    const api = startServer(
      "api",
      [process.execPath, ...profile, "--import", "tsx", join("packages/api/src/http/standalone-main.ts")],
      options.root,
      serverEnv,
    );
    await Promise.all([waitFor(`http://127.0.0.1:${barePort}/`), waitFor(`http://127.0.0.1:${apiPort}/healthz`)]);
    const { url: floorUrl, pid: floorPid } = await startFloor({
      root: options.root,
      env: serverEnv,
      databaseUrl: database.url,
      redisUrl: options.env.REDIS_URL!,
      redisKey: `${options.redisPrefix}:floor`,
    });

    const body = JSON.stringify({ items: [{ ticketTypeId: ticketType.id, quantity: 1 }] });
    let next = 0;
    const load = (port: number | string, duration: number) =>
      runAutocannon({
        url: typeof port === "string" ? port : `http://127.0.0.1:${port}`,
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
    await load(floorUrl, 1);
    const warm = await load(apiPort, 2);
    await drained();
    const bare: Figures[] = [];
    const floor: Figures[] = [];
    const ours: Figures[] = [];
    const databaseName = new URL(database.url).pathname.slice(1);
    // Where each request's CPU goes: the server under test, its PostgreSQL backends, redis-server.
    const meters = { floor: cpuMeter({ serverPids: [floorPid], database: databaseName }), ours: cpuMeter({ serverPids: [api.pid!], database: databaseName }) };
    const answered = (figures: Figures) => Object.values(figures.statuses).reduce((sum, n) => sum + n, 0);
    const measured = async (meter: ReturnType<typeof cpuMeter>, run: () => Promise<Figures>) => {
      const { result, cpu } = await withCpu(meter, run, answered);
      return { figures: result, cpu };
    };
    const cpu = { floor: [] as string[], ours: [] as string[] };
    for (let round = 0; round < options.rounds; round++) {
      bare.push(await load(barePort, options.duration));
      const floorRun = await measured(meters.floor, () => load(floorUrl, options.duration));
      floor.push(floorRun.figures);
      cpu.floor.push(floorRun.cpu);
      // Holds answered after autocannon stopped are in the CPU figure but not in its count: drained first.
      const oursRun = await measured(meters.ours, async () => {
        const figures = await load(apiPort, options.duration);
        await drained();
        return figures;
      });
      ours.push(oursRun.figures);
      cpu.ours.push(oursRun.cpu);
    }
    // Open loop at 70 % of the measured maximum: the latency a buyer sees below saturation.
    const fixedRate = Math.max(1, Math.round(0.7 * summarise(ours).rps));
    const atRate = await runFixedRate({
      url: `http://127.0.0.1:${apiPort}`,
      connections: options.connections,
      rate: fixedRate,
      durationSeconds: options.duration,
      request: () => ({
        method: "POST",
        path: `/api/v1/events/${event.id}/holds`,
        headers: { "x-cart-token": tokens[next++ % tokens.length]! },
        body: JSON.parse(body) as unknown,
      }),
    });
    await drained();
    await stopServers();
    // Cross-check (warm-up included): holds in PostgreSQL, tickets taken in Redis, 201 answers; a
    // 201 without a hold, or more taken than held, would be a seat sold twice or lost.
    const holdsInPg = await db.hold.count({ where: { eventId: event.id } });
    const created = [warm, ...ours, atRate].reduce((sum, f) => sum + (f.statuses["201"] ?? 0), 0);
    const redis = new Redis(options.env.REDIS_URL!);
    const left = Number(await redis.hget(inventoryKeys(options.redisPrefix, event.id).ga, ticketType.id).finally(() => redis.quit()));
    const takenInRedis = 2_000_000_000 - left;
    return {
      bare: summarise(bare),
      floor: summarise(floor),
      ours: summarise(ours),
      oursRounds: ours.map((f) => f.rps),
      cpu,
      atRate: { ...atRate, rate: fixedRate },
      holdsInPg,
      takenInRedis,
      created,
    };
  } finally {
    await dropDatabase();
  }
}

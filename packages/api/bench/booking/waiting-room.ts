// Parts 3 and 4 of bench:booking: the waiting room under a crowd, over HTTP on the standalone API
// server, with the waiting-room ticker in its own process and pusher-js clients on a Soketi of
// the run's own. Buyers are simulated in this process (pinned to the load CPU).
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { createDb, type Db } from "@marquee/db";
import { createFactories, createTestDatabase } from "@marquee/db/testing";
import { findFreePort } from "@marquee/dev/services/net";
import { findOrStartSoketi, type SoketiHandle } from "@marquee/dev/services/soketi";
import { Redis } from "ioredis";
import Pusher from "pusher-js";
import { hashCartToken, newCartToken } from "../../src/services/cart/cart-token.ts";
import { queueKeys } from "../../src/services/queue/queue-keys.ts";
import { inventoryKeys } from "../../src/services/booking/inventory-keys.ts";
import { type JsonClient, jsonClient, latencyFigures, runPool } from "../lib/http-json.ts";
import { startFloor } from "../lib/floor.ts";
import { cpuMeter, withCpu } from "../lib/process-cpu.ts";
import { deferCleanup, deleteKeysMatching, startServer, stopServers, waitFor } from "../lib/load.ts";
import { apiServerEnv, buyerRateLimits } from "../lib/env.ts";

export interface WaitingRoomOptions {
  root: string;
  env: Record<string, string | undefined>;
  redisPrefix: string;
  /** Concurrent HTTP requests of the join and status loads. */
  concurrency: number;
  /**
   * Where buyers send their REST calls: "api", the standalone API server; "web", the web origin
   * (apps/web's `npm start`: server.ts, Next behind the edge server, built beforehand), as a browser reaches it.
   */
  origin?: "api" | "web";
  /** Set: the origin server runs with --cpu-prof into this directory (written when it stops). */
  profileDir?: string | null;
}

const SOKETI_APP = { appId: "bench", key: "bench-key", secret: "bench-secret-0123456789" };

interface Stack {
  db: Db;
  redis: Redis;
  api: JsonClient & { close(): void };
  apiBase: string;
  databaseUrl: string;
  /** The API server's (or web origin's) pid, for CPU figures. */
  serverPid: number;
  soketi: SoketiHandle;
  make: ReturnType<typeof createFactories>;
  stop(): Promise<void>;
}

/** Database, Soketi, the standalone API server and the ticker process, all the run's own. */
async function startStack(options: WaitingRoomOptions, name: string): Promise<Stack> {
  const database = await createTestDatabase(options.env.DATABASE_URL);
  const db = createDb(database.url, { max: 8 });
  const redis = new Redis(options.env.REDIS_URL!, { maxRetriesPerRequest: null });
  const soketi = await findOrStartSoketi({ host: "127.0.0.1", port: await findFreePort(), ...SOKETI_APP });
  const apiPort = await findFreePort();
  const redisPrefix = `${options.redisPrefix}-${name}`;
  const serverEnv = {
    ...apiServerEnv(options.env, { databaseUrl: database.url, redisPrefix, port: apiPort }),
    ADMISSION_TOKEN_SECRET: options.env.ADMISSION_TOKEN_SECRET ?? "bench-admission-token-secret-0123456789",
    SOKETI_HOST: "127.0.0.1",
    SOKETI_PORT: String(soketi.port),
    SOKETI_APP_ID: SOKETI_APP.appId,
    SOKETI_APP_KEY: SOKETI_APP.key,
    SOKETI_APP_SECRET: SOKETI_APP.secret,
    // 0 turns a limit off: one machine plays every buyer from one address.
    ...buyerRateLimits(),
  };
  const apiBase = `http://127.0.0.1:${apiPort}`;
  const profile = options.profileDir ? ["--cpu-prof", "--cpu-prof-dir", options.profileDir] : [];
  let serverPid = 0;
  if (options.origin === "web") {
    serverPid = startServer(
      `web-${name}`,
      // apps/web's `npm start`: Next behind the edge server, which answers /api/v1 itself.
      [process.execPath, ...profile, "--import", "tsx", "server.ts", "--port", String(apiPort)],
      join(options.root, "apps/web"),
      {
        ...serverEnv,
        WEB_URL: `http://localhost:${apiPort}`,
        NEXT_TELEMETRY_DISABLED: "1",
      },
    ).pid!;
    await waitFor(`${apiBase}/robots.txt`, 120_000);
  } else {
    serverPid = startServer(
      `api-${name}`,
      [process.execPath, ...profile, "--import", "tsx", join("packages/api/src/http/standalone-main.ts")],
      options.root,
      serverEnv,
    ).pid!;
    await waitFor(`${apiBase}/healthz`);
  }
  startServer(`ticker-${name}`, [process.execPath, "--import", "tsx", join("packages/api/bench/booking/ticker-main.ts")], options.root, serverEnv);
  const api = jsonClient(apiBase, options.concurrency);
  const stop = deferCleanup(async () => {
    api.close();
    await stopServers();
    await soketi.stop();
    await deleteKeysMatching(redis, `${redisPrefix}*`);
    await redis.quit();
    await db.$disconnect();
    await database.drop();
  });
  return { db, redis, api, apiBase, databaseUrl: database.url, serverPid, soketi, make: createFactories(db), stop };
}

/** `count` guest carts in bulk (the carts are not what is measured), with their tokens. */
async function bulkCarts(db: Db, count: number): Promise<string[]> {
  const expiresAt = new Date(Date.now() + 6 * 3_600_000);
  const tokens = Array.from({ length: count }, () => newCartToken());
  for (let start = 0; start < count; start += 10_000) {
    await db.cart.createMany({ data: tokens.slice(start, start + 10_000).map((token) => ({ id: randomUUID(), tokenHash: hashCartToken(token), expiresAt })) });
  }
  return tokens;
}

/** Every cart joins the event's waiting room over HTTP (through `client`, the API server's by default); answers the queue ticket ids and the load figures. */
async function joinAll(stack: Stack, eventId: string, tokens: string[], concurrency: number, client: JsonClient = stack.api) {
  const tickets: string[] = new Array(tokens.length);
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const started = performance.now();
  await runPool(tokens, concurrency, async (token, index) => {
    const answer = await client("POST", `/api/v1/events/${eventId}/queue`, { "x-cart-token": token }, {});
    latencies.push(answer.ms);
    statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
    if (answer.status === 200) tickets[index] = answer.body.queueTicketId;
  });
  const seconds = (performance.now() - started) / 1000;
  return { tickets, seconds, rps: tokens.length / seconds, statuses, latency: latencyFigures(latencies) };
}

interface Received {
  event: string;
  latencyMs: number;
  data: { queueTicketId: string; admissionToken?: string; position?: number };
}

/**
 * pusher-js clients subscribed to queue channels; each channel is authorised at the REST endpoint
 * with its own cart's token (one client may carry many buyers' channels: `perClient`).
 */
async function subscribeAll(stack: Stack, channels: { ticketId: string; token: string }[], perClient: number, onEvent: (received: Received) => void) {
  const clients: Pusher[] = [];
  const tokenOf = new Map(channels.map((c) => [`private-queue-${c.ticketId}`, c.token]));
  const started = performance.now();
  const subscriptions: Promise<void>[] = [];
  for (let start = 0; start < channels.length; start += perClient) {
    const client = new Pusher(SOKETI_APP.key, {
      cluster: "local",
      wsHost: "127.0.0.1",
      wsPort: stack.soketi.port,
      forceTLS: false,
      enabledTransports: ["ws"],
      disableStats: true,
      channelAuthorization: {
        endpoint: `${stack.apiBase}/api/v1/realtime/auth`,
        transport: "ajax",
        customHandler: ({ socketId, channelName }, callback) => {
          stack
            .api("POST", "/api/v1/realtime/auth", { "x-cart-token": tokenOf.get(channelName)! }, { socket_id: socketId, channel_name: channelName })
            .then((answer) => (answer.status === 200 ? callback(null, answer.body) : callback(new Error(`auth ${answer.status}`), null)))
            .catch((error: Error) => callback(error, null));
        },
      },
    });
    clients.push(client);
    for (const { ticketId } of channels.slice(start, start + perClient)) {
      const channel = client.subscribe(`private-queue-${ticketId}`);
      channel.bind_global((event: string, data: Received["data"] & { at?: number }) => {
        if (!event.startsWith("pusher:")) onEvent({ event, data, latencyMs: data.at ? Date.now() - data.at : NaN });
      });
      subscriptions.push(
        new Promise((resolve, reject) => {
          channel.bind("pusher:subscription_succeeded", () => resolve());
          channel.bind("pusher:subscription_error", (error: unknown) => reject(new Error(`subscription refused: ${JSON.stringify(error)}`)));
        }),
      );
    }
  }
  await Promise.all(subscriptions);
  return { clients, seconds: (performance.now() - started) / 1000, close: () => clients.forEach((client) => client.disconnect()) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Moves the on-sale to `leadMs` from now (the ticker re-reads its rooms every 5 s). */
async function startOnSale(db: Db, eventId: string, leadMs: number): Promise<number> {
  const onSaleAt = Date.now() + leadMs;
  await db.event.update({ where: { id: eventId }, data: { onSaleAt: new Date(onSaleAt) } });
  return onSaleAt;
}

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info("memory");
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? NaN);
}

/** Part 4: 100,000 buyers join one event's waiting room; status polls; pushes to 1,000 pusher-js clients at the on-sale. */
export async function benchQueueCrowd(options: WaitingRoomOptions & { joiners: number; statusPolls: number; sample: number }) {
  const stack = await startStack(options, "crowd");
  try {
    const organization = await stack.make.organization();
    const venue = await stack.make.venue(organization.id);
    const event = await stack.make.event(organization.id, venue.id, {
      waitingRoomEnabled: true,
      waitingRoomOpensAt: new Date(Date.now() - 60_000),
      onSaleAt: new Date(Date.now() + 24 * 3_600_000),
      waitingRoomOverbookPct: 100,
    });
    await stack.make.ticketType(event.id, { capacity: options.sample });
    const tokens = await bulkCarts(stack.db, options.joiners);
    // Warm-up (JIT, pools, the room built in Redis), then the memory baseline.
    await joinAll(stack, event.id, tokens.slice(0, 200), options.concurrency);
    const memoryBefore = await usedMemory(stack.redis);
    const meter = (pid: number) => cpuMeter({ serverPids: [pid], database: new URL(stack.databaseUrl).pathname.slice(1) });
    const joinRun = () => joinAll(stack, event.id, tokens.slice(200), options.concurrency);
    const { result: joins, cpu: joinCpu } = await withCpu(meter(stack.serverPid), joinRun, () => tokens.length - 200);
    const memoryAfter = await usedMemory(stack.redis);
    const waitingKeyBytes = Number(await stack.redis.call("MEMORY", "USAGE", queueKeys(`${options.redisPrefix}-crowd`, event.id).waiting, "SAMPLES", "0"));
    const queued = await stack.redis.zcard(queueKeys(`${options.redisPrefix}-crowd`, event.id).waiting);

    // The floor (one EVAL + one committed INSERT per request) under the same load: same client,
    // connections, path, header and body, as many requests as measured joins.
    const { url: floorUrl, pid: floorPid } = await startFloor({
      root: options.root,
      env: options.env,
      databaseUrl: stack.databaseUrl,
      redisUrl: options.env.REDIS_URL!,
      redisKey: `${options.redisPrefix}-crowd:floor`,
    });
    const floorClient = jsonClient(floorUrl, options.concurrency);
    await joinAll(stack, event.id, tokens.slice(0, 200), options.concurrency, floorClient);
    const floorRun = () => joinAll(stack, event.id, tokens.slice(200), options.concurrency, floorClient);
    const { result: floor, cpu: floorCpu } = await withCpu(meter(floorPid), floorRun, () => tokens.length - 200);
    floorClient.close();

    // Status polls of random buyers.
    const pollLatencies: number[] = [];
    const pollStatuses: Record<string, number> = {};
    const pollers = Array.from({ length: options.statusPolls }, () => Math.floor(Math.random() * (tokens.length - 200)) + 200);
    const pollStart = performance.now();
    await runPool(pollers, options.concurrency, async (index) => {
      const answer = await stack.api("GET", `/api/v1/queue/${joins.tickets[index - 200]}`, { "x-cart-token": tokens[index]! });
      pollLatencies.push(answer.ms);
      pollStatuses[answer.status] = (pollStatuses[answer.status] ?? 0) + 1;
    });
    const pollSeconds = (performance.now() - pollStart) / 1000;

    // 1,000 connected buyers (one pusher-js client each), then the on-sale: the shuffled order
    // is revealed and `capacity` buyers admitted in one tick; everyone else gets `position`.
    const sample = Array.from({ length: options.sample }, (_, i) => Math.floor((i * (tokens.length - 200)) / options.sample));
    const received: Received[] = [];
    const subscribed = await subscribeAll(
      stack,
      sample.map((i) => ({ ticketId: joins.tickets[i]!, token: tokens[i + 200]! })),
      1,
      (r) => received.push(r),
    );
    const onSaleAt = await startOnSale(stack.db, event.id, 6_000);
    const deadline = onSaleAt + 30_000;
    while (Date.now() < deadline && new Set(received.map((r) => r.data.queueTicketId)).size < options.sample) await sleep(100);
    subscribed.close();
    const reached = new Set(received.map((r) => r.data.queueTicketId)).size;
    return {
      joiners: joins.tickets.length,
      queued,
      joins,
      floor,
      cpu: { joins: joinCpu, floor: floorCpu },
      poll: { rps: options.statusPolls / pollSeconds, statuses: pollStatuses, latency: latencyFigures(pollLatencies) },
      memoryPerBuyer: (memoryAfter - memoryBefore) / joins.tickets.length,
      waitingKeyPerBuyer: waitingKeyBytes / queued,
      subscribeSeconds: subscribed.seconds,
      sample: options.sample,
      reached,
      position: latencyFigures(received.filter((r) => r.event === "position").map((r) => r.latencyMs)),
      admitted: latencyFigures(received.filter((r) => r.event === "admitted").map((r) => r.latencyMs)),
    };
  } finally {
    await stack.stop();
  }
}

/**
 * Part 3: an on-sale. `seats` named seats, `buyers` buyers in the pre-queue, every buyer connected
 * (pusher-js, `perClient` channels per client). At the on-sale each admitted buyer picks a random
 * seat it believes free and holds it with its admission token, retrying another seat on
 * SEAT_TAKEN, until every seat is held.
 */
export async function benchOnSale(
  options: WaitingRoomOptions & { seats: number; buyers: number; perClient: number; holdConcurrency: number; timeoutMs: number; admitPerMinute: number | null },
) {
  const stack = await startStack(options, "onsale");
  try {
    const organization = await stack.make.organization();
    const venue = await stack.make.venue(organization.id);
    const seatsPerRow = 100;
    const { seatMap, zone } = await stack.make.seatMap(organization.id, venue.id, { rows: Math.ceil(options.seats / seatsPerRow), seatsPerRow });
    const event = await stack.make.event(organization.id, venue.id, {
      seatMapId: seatMap.id,
      seatingMode: "RESERVED",
      waitingRoomEnabled: true,
      waitingRoomOpensAt: new Date(Date.now() - 60_000),
      onSaleAt: new Date(Date.now() + 24 * 3_600_000),
      waitingRoomOverbookPct: 110,
      waitingRoomAdmitPerMinute: options.admitPerMinute,
      maxPerBuyer: 4,
    });
    await stack.make.ticketType(event.id, { capacity: null, priceZoneId: zone.id });
    const seatIds = (await stack.db.seat.findMany({ where: { seatMapId: seatMap.id }, select: { id: true } })).map((s) => s.id);
    const tokens = await bulkCarts(stack.db, options.buyers);
    const joins = await joinAll(stack, event.id, tokens, options.concurrency);
    const tokenOfTicket = new Map(joins.tickets.map((ticket, i) => [ticket, tokens[i]!]));

    // Buyers act on their `admitted` push.
    const free = new Set(seatIds);
    const holdLatencies: number[] = [];
    const outcomes: Record<string, number> = {};
    let held = 0;
    let lastHoldAt = 0;
    const holder = jsonClient(stack.apiBase, options.holdConcurrency);
    const buy = async (ticketId: string, admissionToken: string) => {
      for (let attempt = 0; attempt < 50 && free.size > 0; attempt++) {
        const pick = [...free][Math.floor(Math.random() * free.size)]!;
        free.delete(pick); // in flight or taken: nobody else in this simulation picks it now
        const answer = await holder(
          "POST",
          `/api/v1/events/${event.id}/holds`,
          { "x-cart-token": tokenOfTicket.get(ticketId)!, "x-admission-token": admissionToken },
          { items: [{ seatId: pick }] },
        );
        holdLatencies.push(answer.ms);
        const outcome = answer.status === 201 ? "201" : `${answer.status} ${answer.body?.error?.code ?? ""}`;
        outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
        if (answer.status === 201) {
          held++;
          lastHoldAt = Date.now();
          return;
        }
        if (answer.body?.error?.code !== "SEAT_TAKEN") return;
      }
    };
    const received: Received[] = [];
    const buying: Promise<void>[] = [];
    let lastAdmittedAt = 0;
    const subscribed = await subscribeAll(
      stack,
      joins.tickets.map((ticketId, i) => ({ ticketId, token: tokens[i]! })),
      options.perClient,
      (r) => {
        received.push(r);
        if (r.event === "admitted") lastAdmittedAt = Date.now();
        if (r.event === "admitted" && r.data.admissionToken) buying.push(buy(r.data.queueTicketId, r.data.admissionToken));
      },
    );
    const onSaleAt = await startOnSale(stack.db, event.id, 8_000);
    const deadline = onSaleAt + options.timeoutMs;
    while (Date.now() < deadline && held < seatIds.length) await sleep(50);
    await Promise.all(buying);
    subscribed.close();
    holder.close();

    // What PostgreSQL and Redis say.
    const [duplicates] = await stack.db.$queryRaw<{ n: bigint }[]>`
      SELECT COUNT(*) AS n FROM (SELECT "seatId" FROM "HoldItem" WHERE "eventId" = ${event.id}::uuid AND live GROUP BY "seatId" HAVING COUNT(*) > 1) d`;
    const liveSeats = await stack.db.holdItem.count({ where: { eventId: event.id, live: true } });
    const redisSeats = await stack.redis.hlen(inventoryKeys(`${options.redisPrefix}-onsale`, event.id).seats);
    const admittedTickets = received.filter((r) => r.event === "admitted").length;
    return {
      seats: seatIds.length,
      buyers: options.buyers,
      joins,
      subscribeSeconds: subscribed.seconds,
      held,
      liveSeats,
      redisSeats,
      oversold: Number(duplicates?.n ?? 0) + Math.max(0, liveSeats - seatIds.length),
      sellOutSeconds: held === seatIds.length ? (lastHoldAt - onSaleAt) / 1000 : NaN,
      admittedTickets,
      // Buyers admitted per second, from the on-sale to the last admission push.
      admissionRate: admittedTickets / Math.max(0.001, (lastAdmittedAt - onSaleAt) / 1000),
      origin: options.origin ?? "api",
      outcomes,
      hold: latencyFigures(holdLatencies),
      position: latencyFigures(received.filter((r) => r.event === "position").map((r) => r.latencyMs)),
      admitted: latencyFigures(received.filter((r) => r.event === "admitted").map((r) => r.latencyMs)),
    };
  } finally {
    await stack.stop();
  }
}

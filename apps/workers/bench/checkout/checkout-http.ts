// Part 4: checkout throughput over HTTP (POST /api/v1/holds/{holdId}/checkout on the standalone API
// server: the PENDING order and its Stripe PaymentIntent at the local Stripe-compatible server) vs
// the durable-write floor (one Redis EVAL + one committed INSERT), same autocannon load and
// connections. Every hold is checked out exactly once: an idempotent replay is never counted.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDb } from "@marquee/db";
import { createTestDatabase } from "@marquee/db/testing";
import { startStripeTestServer } from "@marquee/dev/services/stripe-local/index";
import { printProfile, summariseProfileDir } from "../../../../packages/api/bench/lib/cpu-profile.ts";
import { apiServerEnv, buyerRateLimits } from "../../../../packages/api/bench/lib/env.ts";
import { benchGaEvent } from "../../../../packages/api/bench/lib/bench-event.ts";
import { startFloorServer } from "../../../../packages/api/bench/lib/floor.ts";
import { jsonClient, runPool } from "../../../../packages/api/bench/lib/http-json.ts";
import { deferCleanup, type Figures, freePort, runAutocannon, startServer, stopServers, waitFor } from "../../../../packages/api/bench/lib/load.ts";
import { ROOT } from "./processes.ts";

export interface TCheckoutHttpOptions {
  env: Record<string, string | undefined>;
  redisPrefix: string;
  connections: number;
  /** Holds made (and checked out) per round. */
  holds: number;
  rounds: number;
  /** Seconds of floor load per round. */
  floorSeconds: number;
  /** Capture --cpu-prof of the API server and print its top frames. */
  profile: boolean;
}

export async function benchCheckoutHttp(options: TCheckoutHttpOptions) {
  const database = await createTestDatabase(options.env.DATABASE_URL);
  const db = createDb(database.url, { max: 4 });
  const profileDir = options.profile ? mkdtempSync(join(tmpdir(), "marquee-bench-checkout-prof-")) : null;
  const stripeServer = await startStripeTestServer({ host: "127.0.0.1", webhook: { url: null } });
  const cleanup = deferCleanup(async () => {
    await stopServers();
    await stripeServer.stop();
    await db.$disconnect();
    await database.drop();
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  });
  try {
    const { event, ticketType } = await benchGaEvent(db, { capacity: 2_000_000_000, holdTtlSeconds: 3_600 });

    const apiPort = await freePort();
    const serverEnv = {
      ...apiServerEnv(options.env, { databaseUrl: database.url, redisPrefix: options.redisPrefix, port: apiPort }),
      STRIPE_SECRET_KEY: "",
      STRIPE_API_URL: stripeServer.url,
      STRIPE_WEBHOOK_SECRET: stripeServer.webhookSecret,
      ...buyerRateLimits(),
    };
    const profileArgs = profileDir ? ["--cpu-prof", "--cpu-prof-dir", profileDir] : [];
    startServer("api", [process.execPath, ...profileArgs, "--import", "tsx", "packages/api/src/http/standalone-main.ts"], ROOT, serverEnv);
    await waitFor(`http://127.0.0.1:${apiPort}/healthz`, 120_000);
    const floorUrl = await startFloorServer({
      root: ROOT,
      env: serverEnv,
      databaseUrl: database.url,
      redisUrl: options.env.REDIS_URL!,
      redisKey: `${options.redisPrefix}:floor`,
    });

    // Holds made over the API (not timed): a cart each, one ticket each.
    const api = jsonClient(`http://127.0.0.1:${apiPort}`, 32);
    const makeHolds = async (count: number) => {
      const holds: { id: string; token: string }[] = [];
      await runPool(
        Array.from({ length: count }, (_, i) => i),
        32,
        async () => {
          const cart = await api("POST", "/api/v1/carts", {}, {});
          const token = String(cart.body.token);
          const hold = await api(
            "POST",
            `/api/v1/events/${event.id}/holds`,
            { "x-cart-token": token },
            { items: [{ ticketTypeId: ticketType.id, quantity: 1 }] },
          );
          if (hold.status !== 201) throw new Error(`createHold: HTTP ${hold.status} ${JSON.stringify(hold.body).slice(0, 200)}`);
          holds.push({ id: String(hold.body.id), token });
        },
      );
      return holds;
    };
    let buyer = 0;
    const body = (n: number) => JSON.stringify({ buyer: { name: "Bench Buyer", email: `bench-checkout-${n}@example.test` } });
    const checkoutRun = async (count: number) => {
      const holds = await makeHolds(count);
      let next = 0;
      return runAutocannon({
        url: `http://127.0.0.1:${apiPort}`,
        connections: options.connections,
        amount: holds.length,
        rateStatus: 201,
        requests: [
          {
            method: "POST",
            headers: { "content-type": "application/json" },
            // Each request takes the next hold: every hold checked out once, no replays.
            setupRequest: (request) => {
              const hold = holds[next++];
              // Past the last hold (autocannon may start one more request than asked): a 404, not counted.
              if (!hold) return { ...request, path: "/api/v1/holds/none/checkout" };
              return {
                ...request,
                path: `/api/v1/holds/${hold.id}/checkout`,
                headers: { ...request.headers, "x-cart-token": hold.token },
                body: body(buyer++),
              };
            },
          },
        ],
      });
    };
    const floorRun = (seconds: number) =>
      runAutocannon({
        url: floorUrl,
        connections: options.connections,
        duration: seconds,
        requests: [{ method: "POST", path: "/checkout", headers: { "content-type": "application/json" }, body: body(0) }],
      });

    // Warm-up: JIT, pools, the Stripe client's sockets, the floor's table.
    await floorRun(1);
    await checkoutRun(Math.min(100, options.holds));
    const floor: Figures[] = [];
    const ours: (Figures & { seconds: number })[] = [];
    for (let round = 0; round < options.rounds; round++) {
      floor.push(await floorRun(options.floorSeconds));
      ours.push(await checkoutRun(options.holds));
    }
    api.close();
    await stopServers();
    const orders = await db.order.count({ where: { eventId: event.id } });
    const intents = await db.payment.count({ where: { order: { eventId: event.id }, providerPaymentId: { not: null } } });
    const checkedOut = buyer;
    const profile = profileDir ? summariseProfileDir(profileDir) : [];
    return { floor, ours, orders, intents, checkedOut, profile };
  } finally {
    await cleanup();
  }
}

export const printCheckoutProfile = (profile: Awaited<ReturnType<typeof benchCheckoutHttp>>["profile"]) => {
  for (const entry of profile) printProfile(`API server (${entry.file})`, entry.frames, entry.byPackage);
};

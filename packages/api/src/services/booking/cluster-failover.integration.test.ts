// A Redis Cluster loses a master in the middle of an on-sale: first a coordinated failover
// (CLUSTER FAILOVER on its replica), then a crash (SIGKILL of the master's process). Buyers keep
// buying through it, retrying what failed. PostgreSQL is the judge: every hold a buyer was given
// is live, nothing is sold past capacity, and Redis, rebuilt for the moved slot, agrees with it.
// Runs only against a cluster: `npm run test:cluster` (it kills one of the cluster's masters).
import { keySlot } from "../../lib/key-slot.ts";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../../clock.ts";
import { testRedisConfig } from "../../testing/test-redis.ts";
import { type AppCaller, useHarness } from "../../testing/harness.ts";
import { inventoryKeys } from "./inventory-keys.ts";
import { kitCarts, pgLiveState } from "./booking-test-kit.ts";
import { readSlotOwners, type TFailoverWatcher, watchSlotFailovers } from "./slot-failover.ts";

const h = useHarness();
const CAPACITY = 80;
const BUYERS = 200;
const BEFORE = 60;
const clusterNodes = testRedisConfig().clusterNodes;

/** host:port of the master serving `slot` and of one of its replicas, from CLUSTER NODES. */
async function slotNodes(slot: number): Promise<{ master: string; replica: string | undefined }> {
  const masterId = (await readSlotOwners(h))[slot]!;
  const lines = ((await h.redis.call("CLUSTER", "NODES")) as string).trim().split("\n");
  const address = (line: string) => line.split(" ")[1]!.split("@")[0]!;
  const master = lines.find((line) => line.startsWith(`${masterId} `))!;
  const replica = lines.find((line) => line.split(" ")[3] === masterId && !line.split(" ")[2]!.includes("fail"));
  return { master: address(master), replica: replica ? address(replica) : undefined };
}

const nodeClient = (hostPort: string) => {
  const [host, port] = hostPort.split(":");
  return new Redis({ host, port: Number(port), lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
};

type TCaller = AppCaller<"web">;
type TOutcome = "OK" | "SOLD_OUT" | "GAVE_UP";

/** One buyer: holds one ticket, retrying anything but an answer (OK or SOLD_OUT) for up to 30 s, as the shop's client does. */
async function buy(caller: TCaller, eventId: string, ticketTypeId: string, errors: Map<string, number>): Promise<TOutcome> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      await caller.hold.create({ eventId, items: [{ ticketTypeId, quantity: 1 }] });
      return "OK";
    } catch (error) {
      const code = String((error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message);
      if (code === "SOLD_OUT") return "SOLD_OUT";
      errors.set(code, (errors.get(code) ?? 0) + 1);
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
    }
  }
  return "GAVE_UP";
}

describe.runIf(clusterNodes.length > 0)("Redis Cluster failover in the middle of an on-sale", () => {
  const invalidated = new Set<string>();
  let watcher: TFailoverWatcher;
  beforeAll(() => {
    // As the booking worker runs it, polling faster.
    const deps = { db: h.db, redis: h.redis, redisPrefix: h.redisPrefix, clock: systemClock };
    watcher = watchSlotFailovers(deps, (eventIds) => eventIds.forEach((id) => invalidated.add(id)), 200);
  });
  afterAll(() => watcher.stop());

  it.each([
    ["a coordinated failover (CLUSTER FAILOVER on the replica)", "failover"],
    ["a crash of the master (SIGKILL)", "kill"],
  ] as const)(
    "%s loses no hold and sells nothing twice",
    async (_name, how) => {
      const { event, ticketType } = await h.make.gaEvent({ capacity: CAPACITY });
      const carts = await kitCarts(h, BUYERS);
      const callers = await Promise.all(carts.map((cart) => h.callerAs(null, { request: { cartToken: cart.token } })));
      await callers[0]!.availability.get({ eventId: event.id });
      await watcher.check();
      const errors = new Map<string, number>();

      const first = await Promise.all(callers.slice(0, BEFORE).map((caller) => buy(caller, event.id, ticketType.id, errors)));
      const { master, replica } = await slotNodes(keySlot(`{${event.id}}`));
      // The rest buy while the master goes away.
      const rest = Promise.all(callers.slice(BEFORE).map((caller) => buy(caller, event.id, ticketType.id, errors)));
      if (how === "failover") {
        expect(replica, `a replica of ${master}`).toBeDefined();
        const client = nodeClient(replica!);
        await client.connect();
        expect(await client.call("CLUSTER", "FAILOVER")).toBe("OK");
        client.disconnect();
      } else {
        const client = nodeClient(master);
        await client.connect();
        const pid = Number(/process_id:(\d+)/.exec(await client.info("server"))![1]);
        client.disconnect();
        process.kill(pid, "SIGKILL");
      }
      const outcomes = [...first, ...(await rest)];

      // The watcher saw the event's slot change master and had it rebuilt from PostgreSQL.
      for (let polls = 0; !invalidated.has(event.id) && polls < 300; polls++) {
        await watcher.check().catch(() => []);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(invalidated.has(event.id)).toBe(true);
      expect((await slotNodes(keySlot(`{${event.id}}`))).master).not.toBe(master);

      const count = (outcome: TOutcome) => outcomes.filter((value) => value === outcome).length;
      const state = await pgLiveState(h.db, event.id);
      const held = state.gaHeld.get(ticketType.id) ?? 0;
      console.info(
        `${how}: ${count("OK")} held, ${count("SOLD_OUT")} sold out, ${count("GAVE_UP")} gave up; live in PostgreSQL ${held} / ${CAPACITY}; retried errors ${JSON.stringify(Object.fromEntries(errors))}`,
      );
      // Nothing sold twice, no hold lost: every hold a buyer got is live, and all the stock went.
      expect(held).toBeLessThanOrEqual(CAPACITY);
      expect(count("OK")).toBe(held);
      expect(count("GAVE_UP")).toBe(0);
      expect(held).toBe(CAPACITY);
      // Redis agrees with PostgreSQL once more (a rebuild after the move, if one was due, has run).
      await callers[0]!.availability.get({ eventId: event.id });
      expect(Number(await h.redis.hget(inventoryKeys(h.redisPrefix, event.id).ga, ticketType.id))).toBe(CAPACITY - held);
    },
    120_000,
  );
});

import { keySlot } from "../../lib/key-slot.ts";
import { isCluster } from "../../lib/redis-client.ts";
import { queueKeys } from "../queue/queue-keys.ts";
import { inventoryKeys } from "./inventory-keys.ts";
import type { TBookingDeps } from "./types.ts";

/** slot -> node id of its master; "" where no master serves it. */
export type TSlotOwners = string[];

const SLOTS = 16_384;
/** Events looked at per failover: those whose sale may still be running. */
const EVENT_LIMIT = 20_000;

/** Who owns each slot now, from CLUSTER SLOTS (`[start, end, [host, port, id], ...replicas]`). */
export async function readSlotOwners(deps: Pick<TBookingDeps, "redis">): Promise<TSlotOwners> {
  const owners: TSlotOwners = new Array<string>(SLOTS).fill("");
  const ranges = (await deps.redis.call("CLUSTER", "SLOTS")) as [number, number, [string, number, string], ...unknown[]][];
  for (const [start, end, master] of ranges) for (let slot = start; slot <= end; slot++) owners[slot] = master[2];
  return owners;
}

/** Slots whose master changed between two readings (a failover, or a resharding). */
export function movedSlots(before: TSlotOwners, after: TSlotOwners): Set<number> {
  const moved = new Set<number>();
  for (let slot = 0; slot < SLOTS; slot++) if (before[slot] !== after[slot]) moved.add(slot);
  return moved;
}

/**
 * After a failover the new master of a slot may lack the last writes its old master acknowledged
 * (replication is asynchronous). PostgreSQL still guards every sale, but Redis could then offer
 * stock that is gone or hide stock that is free. So for every event whose sale may still run and
 * whose {eventId} slot moved, the ready markers of its inventory and waiting room are deleted:
 * the next hold, join or admission rebuilds them from PostgreSQL under the rebuild lock.
 * Returns the events invalidated.
 */
export async function invalidateMovedEvents(deps: Pick<TBookingDeps, "db" | "redis" | "redisPrefix" | "clock">, moved: ReadonlySet<number>): Promise<string[]> {
  if (moved.size === 0) return [];
  const events = await deps.db.event.findMany({
    where: { status: "PUBLISHED", endsAt: { gt: deps.clock.now() } },
    select: { id: true },
    orderBy: { endsAt: "asc" },
    take: EVENT_LIMIT,
  });
  const hit = events.filter((event) => moved.has(keySlot(`{${event.id}}`)));
  // One call per event: the two markers share the event's slot.
  await Promise.all(hit.map((event) => deps.redis.del(inventoryKeys(deps.redisPrefix, event.id).ready, queueKeys(deps.redisPrefix, event.id).ready)));
  return hit.map((event) => event.id);
}

export interface TFailoverWatcher {
  /** One comparison now (the timer does the same); resolves to the events invalidated. */
  check(): Promise<string[]>;
  stop(): Promise<void>;
}

/**
 * Watches a Redis Cluster's slot owners every `everyMs` and invalidates the events of moved slots
 * (invalidateMovedEvents). On one Redis server there is nothing to watch: a restart loses the ready
 * markers with everything else, which is the rebuild's own trigger.
 */
export function watchSlotFailovers(
  deps: Pick<TBookingDeps, "db" | "redis" | "redisPrefix" | "clock">,
  onInvalidated: (eventIds: string[], movedSlots: number) => void,
  everyMs = 1_000,
): TFailoverWatcher {
  if (!isCluster(deps.redis)) return { check: async () => [], stop: async () => {} };
  let known: TSlotOwners | undefined;
  let running: Promise<string[]> | undefined;
  const compare = async (): Promise<string[]> => {
    const now = await readSlotOwners(deps);
    const moved = known ? movedSlots(known, now) : new Set<number>();
    // A slot with no master yet (mid-election) is not settled: compare again next time.
    if ([...moved].some((slot) => now[slot] === "")) return [];
    known = now;
    const invalidated = await invalidateMovedEvents(deps, moved);
    if (moved.size > 0) onInvalidated(invalidated, moved.size);
    return invalidated;
  };
  const check = () => (running ??= compare().finally(() => (running = undefined)));
  const timer = setInterval(() => void check().catch(() => {}), everyMs);
  timer.unref();
  void check().catch(() => {});
  return {
    check,
    stop: async () => {
      clearInterval(timer);
      await running?.catch(() => {});
    },
  };
}

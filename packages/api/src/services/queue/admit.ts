import { Prisma } from "@marquee/db";
import { ensureInventory } from "../booking/rebuild-inventory.ts";
import { inventoryKeys } from "../booking/inventory-keys.ts";
import { claimRedisWindow } from "../../lib/redis-lock.ts";
import { redisScript } from "../../lib/redis-scripts.ts";
import type { TBookingDeps } from "../booking/types.ts";
import { signAdmissionToken } from "./admission-token.ts";
import { publishQueueEvents } from "./publish-queue-events.ts";
import { writeOutboxMany } from "../outbox/write-outbox.ts";
import { ensureDemand, waitingListDemandKey } from "../waiting-list/waiting-list-demand.ts";
import { ensureQueue, type TQueueEvent } from "./queue-event.ts";
import { queueChannel, queueKeys } from "./queue-keys.ts";
import { ADMIT_LUA, CLOSE_LUA, POSITIONS_LUA } from "./queue-lua.ts";

const admitScript = redisScript(ADMIT_LUA);
const closeScript = redisScript(CLOSE_LUA);
const positionsScript = redisScript(POSITIONS_LUA);

/** Admissions per call at most (a big release of stock is admitted over a few ticks). */
export const MAX_ADMISSIONS_PER_CALL = 2_000;

export interface TAdmitResult {
  /** What Redis says can still be held: remaining stock minus live holds. */
  available: number;
  /** Admitted buyers who have not used their token yet. */
  outstanding: number;
  /** Still waiting after this call. */
  waiting: number;
  admitted: string[];
  lapsed: string[];
  closed: boolean;
}

const NOTHING: TAdmitResult = { available: 0, outstanding: 0, waiting: 0, admitted: [], lapsed: [], closed: false };

/**
 * One admission step for an on-sale event: lapsed admissions go, then as many buyers as the stock
 * allows are admitted from the head of the line (ADMIT_LUA, atomic), recorded in PostgreSQL and
 * told on their private channels with their admission token.
 */
export async function admitFromQueue(deps: TBookingDeps, event: TQueueEvent): Promise<TAdmitResult> {
  const now = deps.clock.now();
  if (now < event.onSaleAt) return NOTHING;
  const inventory = inventoryKeys(deps.redisPrefix, event.id);
  const keys = queueKeys(deps.redisPrefix, event.id);
  const demand = event.waitingListEnabled ? [waitingListDemandKey(deps.redisPrefix, event.id)] : [];
  if (event.waitingListEnabled) await ensureDemand(deps, event.id);
  const run = async () =>
    (await admitScript(
      deps.redis,
      [inventory.ga, inventory.seats, inventory.ready, keys.waiting, keys.admitted, keys.state, keys.ready, ...demand],
      [now.getTime(), event.waitingRoomOverbookPct, event.admissionTtlSeconds * 1000, MAX_ADMISSIONS_PER_CALL, event.waitingRoomAdmitPerMinute ?? 0],
    )) as [string, number?, number?, number?, string[]?, string[]?];
  let answer = await run();
  for (let attempt = 0; attempt < 2 && (answer[0] === "NOT_READY" || answer[0] === "QUEUE_NOT_READY"); attempt += 1) {
    if (answer[0] === "NOT_READY") await ensureInventory(deps, event.id);
    else await ensureQueue(deps, event);
    answer = await run();
  }
  if (answer[0] === "CLOSED") return { ...NOTHING, closed: true };
  if (answer[0] !== "OK") throw new Error(`admission script answered ${answer[0]}`);
  const [, available = 0, outstanding = 0, waiting = 0, admitted = [], lapsed = []] = answer;
  if (lapsed.length > 0) {
    await deps.db.queueTicket.updateMany({ where: { id: { in: lapsed }, status: "ADMITTED" }, data: { status: "EXPIRED" } });
  }
  if (admitted.length > 0) {
    const expiresAt = new Date(now.getTime() + event.admissionTtlSeconds * 1000);
    // Buyers who left an e-mail address are told by the notification worker: the outbox event
    // is written in the transaction that records the admission.
    const rows = await deps.db.$transaction(async (tx) => {
      const updated = await tx.$queryRaw<{ id: string; cartId: string; notifyEmail: string | null }[]>`
        UPDATE "QueueTicket" SET status = 'ADMITTED', "admittedAt" = ${now}
        WHERE id = ANY(${admitted}::uuid[]) AND status = 'WAITING'
        RETURNING id, "cartId", "notifyEmail"`;
      const toTell = updated.filter((row) => row.notifyEmail !== null);
      await writeOutboxMany(
        tx,
        toTell.map((row) => ({
          topic: "queue.admitted" as const,
          aggregateType: "QueueTicket",
          aggregateId: row.id,
          payload: { queueTicketId: row.id, eventId: event.id },
        })),
      );
      return updated;
    });
    void publishQueueEvents(
      deps.realtime,
      rows.map((row) => ({
        channel: queueChannel(row.id),
        event: "admitted",
        data: {
          queueTicketId: row.id,
          admissionToken: signAdmissionToken({ queueTicketId: row.id, eventId: event.id, cartId: row.cartId, expiresAt }),
          admissionExpiresAt: expiresAt.toISOString(),
          at: now.getTime(),
        },
      })),
    );
  }
  return { available, outstanding, waiting, admitted, lapsed, closed: false };
}

/**
 * Sold out: no stock left in PostgreSQL (GA remaining and unsold seats) and no live hold that
 * could still come back. Checked only when Redis already says nothing is available.
 */
async function soldOutInPostgres(deps: TBookingDeps, event: TQueueEvent): Promise<boolean> {
  const [row] = await deps.db.$queryRaw<{ held: bigint; gaLeft: bigint | null; seatsLeft: bigint }[]>`
    SELECT
      (SELECT COUNT(*) FROM "HoldItem" i WHERE i."eventId" = ${event.id}::uuid AND i.live) AS held,
      (SELECT SUM(t.capacity - t."soldCount") FROM "TicketType" t WHERE t."eventId" = ${event.id}::uuid AND t.active AND t.capacity IS NOT NULL) AS "gaLeft",
      (SELECT COUNT(*) FROM "Seat" s WHERE s."seatMapId" = ${event.seatMapId}::uuid AND NOT s.blocked
         AND NOT EXISTS (SELECT 1 FROM "OrderLine" l WHERE l."eventId" = ${event.id}::uuid AND l."seatId" = s.id AND l.status = 'ACTIVE')) AS "seatsLeft"`;
  return !!row && row.held === 0n && (row.gaLeft ?? 0n) <= 0n && row.seatsLeft === 0n;
}

/**
 * Closes the queue at sell-out: everyone still waiting becomes CLOSED in PostgreSQL and every
 * connected listener gets `closed` at once. Returns how many tickets were closed.
 */
export async function closeQueue(deps: TBookingDeps, event: TQueueEvent): Promise<number> {
  const keys = queueKeys(deps.redisPrefix, event.id);
  const [, listening] = (await closeScript(deps.redis, [keys.waiting, keys.state, keys.listeners, keys.pushed], [])) as [string[], string[]];
  const closed = await deps.db.queueTicket.updateMany({
    where: { eventId: event.id, status: "WAITING" },
    data: { status: "CLOSED", closedAt: deps.clock.now() },
  });
  await publishQueueEvents(
    deps.realtime,
    listening.map((id) => ({ channel: queueChannel(id), event: "closed", data: { queueTicketId: id, reason: "SOLD_OUT" } })),
  );
  return closed.count;
}

/** Position pushes per tick: every listener among the first POSITION_NEAR_FRONT in line on any
 * move; further back, listeners walked round-robin (POSITION_WALK_PER_TICK at most) on a move of
 * POSITION_STEP_PER_MILLE, at most POSITION_PUSHES_PER_TICK of them. */
export const POSITION_NEAR_FRONT = 500;
export const POSITION_WALK_PER_TICK = 5_000;
export const POSITION_STEP_PER_MILLE = 20;
export const POSITION_PUSHES_PER_TICK = 1_000;
/** Weight of the newest second in the admission-rate average behind the ETA. */
const RATE_WEIGHT = 0.3;

export interface TTickResult extends TAdmitResult {
  positionsPushed: number;
}

/** The admission rate (admissions per second), smoothed; the ETA divides the position by it. */
async function updateRate(deps: TBookingDeps, event: TQueueEvent): Promise<void> {
  const keys = queueKeys(deps.redisPrefix, event.id);
  const now = deps.clock.now().getTime();
  const [rate, at, total, totalThen] = await deps.redis.hmget(keys.state, "rate", "rateAt", "admittedTotal", "rateTotal");
  const seconds = at ? (now - Number(at)) / 1000 : 0;
  if (at && seconds <= 0) return;
  const admitted = Number(total ?? 0) - Number(totalThen ?? total ?? 0);
  const instant = seconds > 0 ? admitted / seconds : 0;
  const smoothed = rate && seconds > 0 ? RATE_WEIGHT * instant + (1 - RATE_WEIGHT) * Number(rate) : instant;
  await deps.redis.hset(keys.state, { rate: smoothed.toFixed(3), rateAt: now, rateTotal: total ?? 0 });
}

/** Pushes `position` to listeners whose position changed enough (POSITIONS_LUA). */
async function pushPositions(deps: TBookingDeps, event: TQueueEvent): Promise<number> {
  if (!deps.realtime) return 0;
  const keys = queueKeys(deps.redisPrefix, event.id);
  const pairs = (await positionsScript(
    deps.redis,
    [keys.listeners, keys.waiting, keys.state, keys.pushed],
    [POSITION_WALK_PER_TICK, POSITION_NEAR_FRONT, POSITION_STEP_PER_MILLE, POSITION_PUSHES_PER_TICK],
  )) as (string | number)[];
  if (pairs.length === 0) return 0;
  const rate = Number((await deps.redis.hget(keys.state, "rate")) ?? 0);
  const at = deps.clock.now().getTime();
  const events = [];
  for (let index = 0; index < pairs.length; index += 2) {
    const id = String(pairs[index]);
    const position = Number(pairs[index + 1]);
    events.push({ channel: queueChannel(id), event: "position", data: { queueTicketId: id, position, etaSeconds: etaSeconds(position, rate), at } });
  }
  return publishQueueEvents(deps.realtime, events);
}

export const etaSeconds = (position: number, rate: number): number | null => (rate > 0.01 ? Math.ceil(position / rate) : null);

/**
 * One step of one waiting room: admit (ADMIT_LUA), then the housekeeping: close at sell-out,
 * update the ETA rate, push positions. The booking worker calls it every 200 ms per active room,
 * with `lockMs` (one process per step) and `housekeepingLockMs` (housekeeping once a second);
 * without them (tests, scripts) every call does everything.
 */
export async function tickWaitingRoom(
  deps: TBookingDeps,
  event: TQueueEvent,
  options: { lockMs?: number; housekeepingLockMs?: number } = {},
): Promise<TTickResult | null> {
  const keys = queueKeys(deps.redisPrefix, event.id);
  if (options.lockMs && !(await claimRedisWindow(deps.redis, keys.tick, options.lockMs))) return null;
  if (deps.clock.now() < event.onSaleAt) return { ...NOTHING, positionsPushed: 0 };
  const result = await admitFromQueue(deps, event);
  if (result.closed) return { ...result, positionsPushed: 0 };
  if (options.housekeepingLockMs && !(await claimRedisWindow(deps.redis, keys.housekeeping, options.housekeepingLockMs)))
    return { ...result, positionsPushed: 0 };
  if (result.available === 0 && result.outstanding === 0 && (await soldOutInPostgres(deps, event))) {
    await closeQueue(deps, event);
    return { ...result, closed: true, positionsPushed: 0 };
  }
  await updateRate(deps, event);
  return { ...result, positionsPushed: await pushPositions(deps, event) };
}

/** The events whose waiting room the worker ticks: room on, published, queue open and not off sale. */
export async function listActiveWaitingRooms(deps: TBookingDeps): Promise<TQueueEvent[]> {
  const now = deps.clock.now();
  return deps.db.$queryRaw<TQueueEvent[]>(Prisma.sql`
    SELECT id, status::text AS status, "seatMapId", "onSaleAt", "offSaleAt", "waitingRoomEnabled", "waitingRoomOpensAt", "waitingRoomOverbookPct", "admissionTtlSeconds", "waitingRoomAdmitPerMinute"
    FROM "Event"
    WHERE "waitingRoomEnabled" AND status = 'PUBLISHED' AND COALESCE("waitingRoomOpensAt", "onSaleAt") <= ${now}
      AND ("offSaleAt" IS NULL OR "offSaleAt" > ${now}) AND "endsAt" > ${now}`);
}

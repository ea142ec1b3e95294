import type { TBookingDeps } from "../booking/types.ts";
import type { TResolvedCart } from "../cart/resolve-cart.ts";
import { AppError } from "../../errors.ts";
import { redisScript } from "../../lib/redis-scripts.ts";
import { etaSeconds } from "./admit.ts";
import { signAdmissionToken } from "./admission-token.ts";
import { ensureQueue, QUEUE_EVENT_SELECT, type TQueueEvent } from "./queue-event.ts";
import { queueChannel, queueKeys } from "./queue-keys.ts";
import type { TQueueStatus } from "./queue-schemas.ts";

export interface TQueueTicketRow {
  id: string;
  cartId: string;
  status: TQueueStatus["status"];
  sortKey: number;
}

// The live state of one ticket in one round trip: the queue's closed flag and rate, the ticket's
// admission (its expiry in ms) and rank, and the line's length. A WAITING ticket (ARGV[2] its sort
// key, else empty) that is neither in line nor admitted, in an open queue, is put back first.
// Replies nil for what is missing.
const describeScript = redisScript(`
local state = redis.call('HMGET', KEYS[1], 'closed', 'rate')
local admitted = redis.call('ZSCORE', KEYS[2], ARGV[1])
local rank = redis.call('ZRANK', KEYS[3], ARGV[1])
if not rank and not admitted and ARGV[2] ~= '' and state[1] ~= '1' then
  redis.call('ZADD', KEYS[3], 'NX', ARGV[2], ARGV[1])
  rank = redis.call('ZRANK', KEYS[3], ARGV[1])
end
return { state[1], state[2], admitted, rank, redis.call('ZCARD', KEYS[3]) }
`);

/**
 * Where a queue ticket stands, read from Redis (the live queue) with PostgreSQL's status for the
 * settled states. A WAITING ticket missing from Redis (a crash between the insert and the ZADD)
 * is put back in line with its original sort key.
 */
export async function describeQueueTicket(deps: TBookingDeps, event: TQueueEvent, ticket: TQueueTicketRow): Promise<TQueueStatus> {
  const keys = queueKeys(deps.redisPrefix, event.id);
  const now = deps.clock.now();
  const preQueue = now < event.onSaleAt;
  const [closed, rate, admittedUntil, rank, waiting] = (await describeScript(
    deps.redis,
    [keys.state, keys.admitted, keys.waiting],
    [ticket.id, ticket.status === "WAITING" ? String(ticket.sortKey) : ""],
  )) as [string | null, string | null, string | null, number | null, number];
  const live = { closed: closed === "1", rate: Number(rate ?? 0), admittedUntil, rank, waiting };
  const base = {
    queueTicketId: ticket.id,
    eventId: event.id,
    preQueue: false,
    position: null,
    waiting: live.waiting,
    etaSeconds: null,
    onSaleAt: event.onSaleAt,
    admissionToken: null,
    admissionExpiresAt: null,
    channel: queueChannel(ticket.id),
  };
  if (live.admittedUntil !== null && Number(live.admittedUntil) > now.getTime()) {
    const expiresAt = new Date(Number(live.admittedUntil));
    return {
      ...base,
      status: "ADMITTED",
      admissionToken: signAdmissionToken({ queueTicketId: ticket.id, eventId: event.id, cartId: ticket.cartId, expiresAt }),
      admissionExpiresAt: expiresAt,
    };
  }
  if (live.closed && (live.rank !== null || ticket.status === "WAITING" || ticket.status === "CLOSED")) return { ...base, status: "CLOSED" };
  if (live.rank !== null) {
    if (preQueue) return { ...base, status: "WAITING", preQueue: true, etaSeconds: Math.ceil((event.onSaleAt.getTime() - now.getTime()) / 1000) };
    const position = live.rank + 1;
    return { ...base, status: "WAITING", position, etaSeconds: etaSeconds(position, live.rate) };
  }
  // Settled: used its admission, let it lapse, or closed.
  return { ...base, status: ticket.status === "ADMITTED" ? "EXPIRED" : ticket.status === "WAITING" ? "EXPIRED" : ticket.status };
}

/** The cart's queue ticket; another cart's ticket is NOT_FOUND (no probing). */
export async function getQueueStatus(deps: TBookingDeps, cart: TResolvedCart, queueTicketId: string): Promise<TQueueStatus> {
  const ticket = await deps.db.queueTicket.findUnique({
    where: { id: queueTicketId },
    select: { id: true, cartId: true, status: true, sortKey: true, event: { select: QUEUE_EVENT_SELECT } },
  });
  if (!ticket || ticket.cartId !== cart.id) throw new AppError("NOT_FOUND", "Queue ticket not found.");
  await ensureQueue(deps, ticket.event);
  return describeQueueTicket(deps, ticket.event, ticket);
}

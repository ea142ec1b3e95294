import type { TBookingDeps } from "../booking/types.ts";
import type { TResolvedCart } from "../cart/resolve-cart.ts";
import { AppError } from "../../errors.ts";
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

/**
 * Where a queue ticket stands, read from Redis (the live queue) with PostgreSQL's status for the
 * settled states. A WAITING ticket missing from Redis (a crash between the insert and the ZADD)
 * is put back in line with its original sort key.
 */
export async function describeQueueTicket(deps: TBookingDeps, event: TQueueEvent, ticket: TQueueTicketRow): Promise<TQueueStatus> {
  const keys = queueKeys(deps.redisPrefix, event.id);
  const now = deps.clock.now();
  const preQueue = now < event.onSaleAt;
  const read = async () => {
    const replies = await deps.redis
      .multi()
      .hmget(keys.state, "closed", "rate")
      .zscore(keys.admitted, ticket.id)
      .zrank(keys.waiting, ticket.id)
      .zcard(keys.waiting)
      .exec();
    const [state, admittedUntil, rank, waiting] = (replies ?? []).map(([error, value]) => {
      if (error) throw error;
      return value;
    }) as [(string | null)[], string | null, number | null, number];
    return { closed: state[0] === "1", rate: Number(state[1] ?? 0), admittedUntil, rank, waiting };
  };
  let live = await read();
  if (live.rank === null && live.admittedUntil === null && ticket.status === "WAITING" && !live.closed) {
    await deps.redis.zadd(keys.waiting, "NX", ticket.sortKey, ticket.id);
    live = await read();
  }
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

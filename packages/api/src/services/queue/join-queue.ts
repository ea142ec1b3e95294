import { toLocale } from "@marquee/documents/locale";
import type { TBookingDeps } from "../booking/types.ts";
import type { TResolvedCart } from "../cart/resolve-cart.ts";
import { AppError } from "../../errors.ts";
import { uuidV7 } from "../../lib/uuid-v7.ts";
import { admitFromQueue } from "./admit.ts";
import { ensureQueue, loadQueueEventCached } from "./queue-event.ts";
import { queueKeys } from "./queue-keys.ts";
import type { TQueueStatus } from "./queue-schemas.ts";
import { describeQueueTicket, type TQueueTicketRow } from "./queue-status.ts";

/**
 * The sort key of a new arrival: early arrivals (before the on-sale) draw a random number in
 * [0, 1), so their order is a fair shuffle revealed at the start; later arrivals queue by arrival
 * time in ms (always behind every early arrival), ties within one ms broken at random.
 */
const sortKeyFor = (now: Date, onSaleAt: Date) => (now < onSaleAt ? Math.random() : now.getTime() + Math.random() * 0.001);

/**
 * Joins the event's waiting room with this cart (one queue ticket per cart and event: joining
 * again answers the same ticket). A ticket whose admission lapsed or was used goes to the back of
 * the line. After the on-sale, an admission step runs at once, so with stock to spare a buyer is
 * admitted on the spot.
 */
export async function joinQueue(
  deps: TBookingDeps,
  cart: TResolvedCart,
  eventId: string,
  notify: { notifyEmail?: string; locale?: string } = {},
): Promise<TQueueStatus> {
  const now = deps.clock.now();
  const event = await loadQueueEventCached(deps.db, eventId);
  const opensAt = event.waitingRoomOpensAt ?? event.onSaleAt;
  if (now < opensAt) throw new AppError("CONFLICT", `The waiting room opens at ${opensAt.toISOString()}.`, { opensAt: opensAt.toISOString() });
  if (event.offSaleAt && event.offSaleAt <= now) throw new AppError("CONFLICT", "This event is no longer on sale.");
  await ensureQueue(deps, event);
  const keys = queueKeys(deps.redisPrefix, event.id);
  const closed = (await deps.redis.hget(keys.state, "closed")) === "1";
  const sortKey = sortKeyFor(now, event.onSaleAt);
  // One round trip: insert, or answer the cart's existing ticket untouched.
  const [row] = await deps.db.$queryRaw<TQueueTicketRow[]>`
    INSERT INTO "QueueTicket" (id, "eventId", "cartId", status, "sortKey", "joinedAt", "closedAt", "notifyEmail", locale)
    VALUES (${uuidV7()}::uuid, ${event.id}::uuid, ${cart.id}::uuid, ${closed ? "CLOSED" : "WAITING"}::"QueueTicketStatus", ${sortKey}, ${now}, ${closed ? now : null},
            ${notify.notifyEmail?.trim().toLowerCase() ?? null}, ${toLocale(notify.locale)})
    ON CONFLICT ("eventId", "cartId") DO UPDATE SET "notifyEmail" = COALESCE(EXCLUDED."notifyEmail", "QueueTicket"."notifyEmail"), locale = EXCLUDED.locale
    RETURNING id, "cartId", status::text AS status, "sortKey"`;
  let ticket = row!;
  if (!closed && (ticket.status === "EXPIRED" || ticket.status === "USED")) {
    const requeued = await deps.db.queueTicket.updateMany({
      where: { id: ticket.id, status: { in: ["EXPIRED", "USED"] } },
      data: { status: "WAITING", sortKey, joinedAt: now, admittedAt: null },
    });
    if (requeued.count > 0) ticket = { ...ticket, status: "WAITING", sortKey };
  }
  if (ticket.status === "WAITING") {
    await deps.redis.zadd(keys.waiting, "NX", ticket.sortKey, ticket.id);
    await admitFromQueue(deps, event);
  }
  return describeQueueTicket(deps, event, ticket);
}

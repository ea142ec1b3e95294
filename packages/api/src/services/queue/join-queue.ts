import { toLocale } from "@marquee/documents/locale";
import type { TBookingDeps } from "../booking/types.ts";
import { cartRequired, cartTokenHashOf, type TResolvedCart } from "../cart/resolve-cart.ts";
import { AppError } from "../../errors.ts";
import { uuidV7 } from "../../lib/uuid-v7.ts";
import { admitFromQueue } from "./admit.ts";
import { ensureQueue, loadQueueEventCached, type TQueueEvent } from "./queue-event.ts";
import { queueKeys } from "./queue-keys.ts";
import type { TQueueStatus } from "./queue-schemas.ts";
import { submitQueueTicket, type TQueueTicketInsert } from "./insert-queue-tickets.ts";
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
export function joinQueue(
  deps: TBookingDeps,
  cart: TResolvedCart,
  eventId: string,
  notify: { notifyEmail?: string; locale?: string } = {},
): Promise<TQueueStatus> {
  return join(deps, eventId, notify, async (ticket) => {
    // One round trip: insert, or answer the cart's existing ticket untouched.
    const [row] = await deps.db.$queryRaw<TQueueTicketRow[]>`
      INSERT INTO "QueueTicket" (id, "eventId", "cartId", status, "sortKey", "joinedAt", "closedAt", "notifyEmail", locale)
      SELECT ${ticket.id}::uuid, ${ticket.eventId}::uuid, c.id, ${ticket.closed ? "CLOSED" : "WAITING"}::"QueueTicketStatus", ${ticket.sortKey},
             ${ticket.now}, ${ticket.closed ? ticket.now : null}, ${ticket.notifyEmail}, ${ticket.locale}
      FROM "Cart" c WHERE c.id = ${cart.id}::uuid
      ON CONFLICT ("eventId", "cartId") DO UPDATE SET "notifyEmail" = COALESCE(EXCLUDED."notifyEmail", "QueueTicket"."notifyEmail"), locale = EXCLUDED.locale
      RETURNING id, "cartId", status::text AS status, "sortKey"`;
    return row ?? null;
  });
}

/**
 * joinQueue for the buyer's X-Cart-Token: the cart is looked up inside the ticket's INSERT, which
 * goes to PostgreSQL by group commit with the other joins of the moment (insert-queue-tickets.ts);
 * an unknown or expired cart inserts nothing and is CART_REQUIRED.
 */
export function joinQueueForCartToken(
  deps: TBookingDeps,
  cartToken: string | null,
  eventId: string,
  notify: { notifyEmail?: string; locale?: string } = {},
): Promise<TQueueStatus> {
  const tokenHash = cartTokenHashOf(cartToken);
  if (!tokenHash) throw cartRequired();
  return join(deps, eventId, notify, (ticket) => submitQueueTicket(deps.db, { ...ticket, tokenHash }));
}

type TNewTicket = Omit<TQueueTicketInsert, "tokenHash">;

async function join(
  deps: TBookingDeps,
  eventId: string,
  notify: { notifyEmail?: string; locale?: string },
  write: (ticket: TNewTicket) => Promise<TQueueTicketRow | null>,
): Promise<TQueueStatus> {
  const now = deps.clock.now();
  const event = await loadQueueEventCached(deps.db, eventId);
  const opensAt = event.waitingRoomOpensAt ?? event.onSaleAt;
  if (now < opensAt) throw new AppError("CONFLICT", `The waiting room opens at ${opensAt.toISOString()}.`, { opensAt: opensAt.toISOString() });
  if (event.offSaleAt && event.offSaleAt <= now) throw new AppError("CONFLICT", "This event is no longer on sale.");
  const keys = queueKeys(deps.redisPrefix, event.id);
  const closed = (await readClosed(deps, event, keys)) === "1";
  const sortKey = sortKeyFor(now, event.onSaleAt);
  const row = await write({
    id: uuidV7(),
    eventId: event.id,
    closed,
    sortKey,
    now,
    notifyEmail: notify.notifyEmail?.trim().toLowerCase() ?? null,
    locale: toLocale(notify.locale),
  });
  if (!row) throw cartRequired();
  let ticket = row;
  if (!closed && (ticket.status === "EXPIRED" || ticket.status === "USED")) {
    const requeued = await deps.db.queueTicket.updateMany({
      where: { id: ticket.id, status: { in: ["EXPIRED", "USED"] } },
      data: { status: "WAITING", sortKey, joinedAt: now, admittedAt: null },
    });
    if (requeued.count > 0) ticket = { ...ticket, status: "WAITING", sortKey };
  }
  // Before the on-sale nobody is admitted, so describing the ticket puts it in line in the same
  // round trip; after it, the admission step runs between the two.
  if (ticket.status === "WAITING" && now >= event.onSaleAt) {
    await deps.redis.zadd(keys.waiting, "NX", ticket.sortKey, ticket.id);
    await admitFromQueue(deps, event);
  }
  return describeQueueTicket(deps, event, ticket);
}

/** The queue's closed flag, with the check that its Redis state exists in the same round trip (rebuilt when not). */
async function readClosed(deps: TBookingDeps, event: TQueueEvent, keys: ReturnType<typeof queueKeys>): Promise<string | null> {
  const replies = await deps.redis.multi().exists(keys.ready).hget(keys.state, "closed").exec();
  const [[readyError, ready], [closedError, closed]] = replies as [[Error | null, number], [Error | null, string | null]];
  if (readyError || closedError) throw readyError ?? closedError;
  if (ready === 1) return closed;
  await ensureQueue(deps, event);
  return deps.redis.hget(keys.state, "closed");
}

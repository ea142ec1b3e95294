import { Prisma } from "@marquee/db";
import { AppError } from "../../errors.ts";
import type { TResolvedCart } from "../cart/resolve-cart.ts";
import type { TBookingDeps } from "../booking/types.ts";
import { refreshDemand } from "./waiting-list-demand.ts";
import type { TJoinWaitingListInput, TWaitingListEntryOutput, TWaitingListStatus } from "./waiting-list-schemas.ts";

const closed = (message: string) => new AppError("WAITING_LIST_CLOSED", message);

/** Tickets of a GA type nobody holds or bought: capacity - sold - live holds (PostgreSQL's view). */
export async function freeStockOfType(db: TBookingDeps["db"], ticketTypeId: string): Promise<number> {
  const [row] = await db.$queryRaw<{ free: bigint | null }[]>`
    SELECT t.capacity - t."soldCount" - COALESCE((SELECT SUM(i.quantity) FROM "HoldItem" i WHERE i."ticketTypeId" = t.id AND i.live), 0) AS free
    FROM "TicketType" t WHERE t.id = ${ticketTypeId}::uuid`;
  return Number(row?.free ?? 0);
}

/** 1-based place among the type's entries still in line (WAITING or OFFERED), or null once out of it. */
export async function placeInLine(db: TBookingDeps["db"], entry: { ticketTypeId: string; status: string; position: bigint }): Promise<number | null> {
  if (entry.status !== "WAITING" && entry.status !== "OFFERED") return null;
  const ahead = await db.waitingListEntry.count({
    where: { ticketTypeId: entry.ticketTypeId, status: { in: ["WAITING", "OFFERED"] }, position: { lt: entry.position } },
  });
  return ahead + 1;
}

async function buyerEmail(deps: TBookingDeps, cart: TResolvedCart, email: string | undefined): Promise<{ email: string; userId: string | null }> {
  if (email) return { email: email.trim().toLowerCase(), userId: cart.userId };
  if (cart.userId) {
    const user = await deps.db.user.findUnique({ where: { id: cart.userId }, select: { email: true } });
    if (user) return { email: user.email.toLowerCase(), userId: cart.userId };
  }
  throw new AppError("VALIDATION_ERROR", "An e-mail address is needed to join the waiting list.");
}

/**
 * A buyer joins an event's waiting list for a sold-out GA ticket type. Only while the list is on
 * and the type is sold out (no free stock, or people already in line); one entry per address and
 * event: joining again answers the existing entry and its place.
 */
export async function joinWaitingList(deps: TBookingDeps, cart: TResolvedCart, input: TJoinWaitingListInput): Promise<TWaitingListEntryOutput> {
  const event = await deps.db.event.findFirst({
    where: { id: input.eventId, status: "PUBLISHED" },
    select: {
      id: true,
      waitingListEnabled: true,
      maxPerOrder: true,
      ticketTypes: { where: { id: input.ticketTypeId, active: true }, select: { id: true, capacity: true, maxPerOrder: true } },
    },
  });
  if (!event) throw new AppError("NOT_FOUND", "Event not found.");
  const type = event.ticketTypes[0];
  if (!type) throw new AppError("NOT_FOUND", "Ticket type not found.", { ticketTypeId: input.ticketTypeId });
  const { email, userId } = await buyerEmail(deps, cart, input.email);
  const existing = await deps.db.waitingListEntry.findUnique({ where: { eventId_email: { eventId: event.id, email } } });
  if (existing && existing.status !== "REMOVED") return toEntryOutput(deps, existing, false);
  if (!event.waitingListEnabled) throw closed("This event has no waiting list.");
  // Seats of a reserved type are chosen on the map; the list offers general admission only.
  if (type.capacity === null) throw closed("The waiting list is for general admission tickets only.");
  if (input.quantity > Math.min(event.maxPerOrder, type.maxPerOrder ?? Number.MAX_SAFE_INTEGER)) {
    throw new AppError("LIMIT_EXCEEDED", "More tickets than one order may have.", {
      limit: Math.min(event.maxPerOrder, type.maxPerOrder ?? event.maxPerOrder),
    });
  }
  const inLine = await deps.db.waitingListEntry.count({ where: { ticketTypeId: type.id, status: { in: ["WAITING", "OFFERED"] } } });
  if (inLine === 0 && (await freeStockOfType(deps.db, type.id)) > 0) throw closed("Tickets of this type are still on sale.");
  const data = { ticketTypeId: type.id, quantity: input.quantity, name: input.name ?? "", locale: input.locale ?? "en", userId };
  let entry;
  try {
    entry = existing
      ? // A removed entry joins again at the back of the line.
        await deps.db.waitingListEntry.update({
          where: { id: existing.id, status: "REMOVED" },
          data: {
            ...data,
            status: "WAITING",
            position: await nextPosition(deps),
            offerTokenHash: null,
            offeredAt: null,
            offerExpiresAt: null,
            holdId: null,
            orderId: null,
            endedAt: null,
          },
        })
      : await deps.db.waitingListEntry.create({ data: { ...data, eventId: event.id, email } });
  } catch (error) {
    // The same address joined at the same moment: answer that entry.
    if (error instanceof Prisma.PrismaClientKnownRequestError && (error.code === "P2002" || error.code === "P2025")) {
      const raced = await deps.db.waitingListEntry.findUniqueOrThrow({ where: { eventId_email: { eventId: event.id, email } } });
      return toEntryOutput(deps, raced, false);
    }
    throw error;
  }
  await refreshDemand(deps, event.id);
  return toEntryOutput(deps, entry, true);
}

async function nextPosition(deps: TBookingDeps): Promise<bigint> {
  const [row] = await deps.db.$queryRaw<{ position: bigint }[]>`SELECT nextval(pg_get_serial_sequence('"WaitingListEntry"', 'position')) AS position`;
  return row!.position;
}

/**
 * A signed-in buyer takes their entry off an event's list (guests leave through their offer link).
 * Bound to the account, so nobody removes another person's address by typing it.
 */
export async function leaveWaitingList(deps: TBookingDeps, cart: TResolvedCart, input: { eventId: string }): Promise<{ left: boolean }> {
  if (!cart.userId) throw new AppError("UNAUTHORIZED", "Sign in to leave the waiting list.");
  const left = await deps.db.waitingListEntry.updateMany({
    where: { eventId: input.eventId, userId: cart.userId, status: { in: ["WAITING", "OFFERED"] } },
    data: { status: "REMOVED", endedAt: deps.clock.now(), offerTokenHash: null },
  });
  if (left.count > 0) await refreshDemand(deps, input.eventId);
  return { left: left.count > 0 };
}

export async function toEntryOutput(
  deps: Pick<TBookingDeps, "db">,
  entry: { id: string; eventId: string; ticketTypeId: string; status: TWaitingListStatus; quantity: number; position: bigint },
  created: boolean,
): Promise<TWaitingListEntryOutput> {
  return {
    entryId: entry.id,
    eventId: entry.eventId,
    ticketTypeId: entry.ticketTypeId,
    status: entry.status,
    quantity: entry.quantity,
    place: await placeInLine(deps.db, entry),
    created,
  };
}

import { Prisma, type Db } from "@marquee/db";
import { AppError } from "../../errors.ts";
import type { TCurrentPrice } from "../pricing/current-prices.ts";
import type { TResolvedHold } from "./resolve-hold-request.ts";

export interface TPersistHold {
  holdId: string;
  cart: { id: string; userId: string | null };
  resolved: TResolvedHold;
  expiresAt: Date;
  /** The unit price the hold locks per ticket type (HoldPrice); checkout charges these. */
  prices: readonly TCurrentPrice[];
}

/** What PostgreSQL said, from a raw query's error (pg driver adapter) or a mapped Prisma error. */
function postgresError(error: unknown): { code?: string; detail?: string; text: string } | null {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return null;
  const cause = (error.meta?.driverAdapterError as { cause?: { originalCode?: string; code?: string; kind?: string; detail?: string } } | undefined)?.cause;
  return { code: cause?.originalCode ?? cause?.code, detail: cause?.detail, text: `${error.code} ${cause?.kind ?? ""} ${JSON.stringify(error.meta ?? {})}` };
}

// Retryable: lock_timeout (the function's own, 10 s), deadlock, serialization failure; pool or
// transaction timeouts of the Prisma client.
const BUSY_CODES = new Set(["55P03", "40P01", "40001"]);

function toAppError(error: unknown): unknown {
  const pg = postgresError(error);
  if (!pg) return error;
  if (pg.code === "MQ001") return new AppError("SOLD_OUT", "Sold out.", { ticketTypeId: pg.detail });
  if (pg.code === "MQ002") {
    const limit = Number(pg.detail);
    return new AppError("LIMIT_EXCEEDED", `At most ${limit} tickets per buyer for this event.`, { limit });
  }
  // The partial unique index on live seats: the seat is in another live hold.
  if (pg.code === "23505" && pg.text.includes("HoldItem_live_seat_key")) {
    return new AppError("SEAT_TAKEN", "That seat was just taken.");
  }
  if ((pg.code && BUSY_CODES.has(pg.code)) || ["P2024", "P2028", "P2034"].includes((error as Prisma.PrismaClientKnownRequestError).code)) {
    return new AppError("INVENTORY_BUSY", "Too busy to confirm this hold; please retry.");
  }
  return error;
}

/**
 * Writes the Hold and its live HoldItems with PostgreSQL as the last guard, in one statement and
 * one round trip: `marquee_place_hold` (migration 20261207020000_place_hold_prices) inserts them with the
 * hold's locked prices (HoldPrice), checks
 * the per-buyer limit under the buyer's advisory lock and GA capacity under per-type advisory
 * locks (shared while the type keeps a wide margin, exclusive near capacity), and raises on any
 * refusal, which rolls the whole hold back. A shared attempt that lands inside the margin
 * (MQ003) is run again in exclusive mode. See README.md, "The PostgreSQL guard".
 */
export async function persistHold(db: Db, request: TPersistHold): Promise<void> {
  const { resolved, cart } = request;
  // Seats sorted so that concurrent holds wait on the live-seat index in one order (the function
  // orders its capacity locks itself).
  const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const ga = [...resolved.ga];
  const seats = [...resolved.seats].sort((a, b) => byId(a.seatId, b.seatId));
  const prices = request.prices;
  const place = (exclusive: boolean) =>
    db.$executeRaw`SELECT marquee_place_hold(
      ${request.holdId}::uuid, ${resolved.event.id}::uuid, ${cart.id}::uuid, ${cart.userId}::uuid, ${request.expiresAt.toISOString()}::timestamp,
      ${ga.map(([typeId]) => typeId)}::uuid[], ${ga.map(([, quantity]) => quantity)}::int[],
      ${seats.map((seat) => seat.seatId)}::uuid[], ${seats.map((seat) => seat.ticketTypeId)}::uuid[],
      ${resolved.event.maxPerBuyer}::int, ${exclusive}::boolean,
      ${prices.map((p) => p.ticketTypeId)}::uuid[], ${prices.map((p) => p.priceTierId)}::uuid[], ${prices.map((p) => p.priceVersionId)}::uuid[],
      ${prices.map((p) => p.unitPriceMinor)}::int[], ${prices.map((p) => p.currency)}::text[], ${prices.map((p) => p.taxRateBp)}::int[])`;
  try {
    try {
      await place(false);
    } catch (error) {
      if (postgresError(error)?.code !== "MQ003") throw error;
      await place(true);
    }
  } catch (error) {
    throw toAppError(error);
  }
}

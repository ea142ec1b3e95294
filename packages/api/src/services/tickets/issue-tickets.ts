import { generateShortCode } from "@marquee/tickets";
import { signTicketCode } from "@marquee/tickets/sign";
import { AppError } from "../../errors.ts";
import { loadOrderTickets } from "./list-order-tickets.ts";
import { activeSigningKey, privateSigningKey } from "./signing-keys.ts";
import { uuidV7 } from "../../lib/uuid-v7.ts";
import { isUuid } from "./ticket-id.ts";
import { ticketValidity } from "./ticket-validity.ts";
import type { TOrderTicket, TTicketDeps, TTx } from "./types.ts";

/** Issuers of one order queue on its advisory lock; the pool may be busy with other issuers. */
export const ISSUE_TICKETS_TRANSACTION = { maxWait: 10_000, timeout: 20_000 } as const;

// A 40-bit short code collides about once per two million tickets issued against a million
// existing ones; five fresh draws in a row failing means something else is wrong.
const SHORT_CODE_ATTEMPTS = 5;

export interface TIssueTicketsResult {
  /** Every ticket of the order (earlier calls' included), as listOrderTickets returns them. */
  tickets: TOrderTicket[];
  /** How many this call created: 0 on a repeated or concurrent call. */
  issuedCount: number;
}

/**
 * Issues one ticket per admission of the order's ACTIVE lines (a GA line of quantity 3 gets 3),
 * signed with the event's ACTIVE key. Idempotent: under a per-order advisory lock, each line gets
 * `quantity - (tickets it already has, whatever their status)` new tickets, so repeated and
 * concurrent calls end with the same tickets, and a revoked (refunded) ticket is never replaced.
 *
 * The line status is the gate, not the order status: the saga calls this right after the lines
 * become ACTIVE and before the payment is captured (the order is still PENDING). A line still
 * PENDING means the sale is not final: CONFLICT, nothing issued. CANCELLED/REFUNDED lines get none.
 */
export async function issueTickets(deps: TTicketDeps, input: { orderId: string }): Promise<TIssueTicketsResult> {
  if (!isUuid(input.orderId)) throw new AppError("NOT_FOUND", "Order not found", { orderId: input.orderId });
  return deps.db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('marquee:ticket-issue'), hashtext(${input.orderId}))`;
    const issuedCount = await issueMissingTickets(deps, tx, input.orderId);
    return { tickets: await loadOrderTickets(tx, input.orderId), issuedCount };
  }, ISSUE_TICKETS_TRANSACTION);
}

async function issueMissingTickets(deps: TTicketDeps, tx: TTx, orderId: string): Promise<number> {
  const order = await tx.order.findUnique({
    where: { id: orderId },
    select: {
      id: true,
      eventId: true,
      buyerName: true,
      event: { select: { startsAt: true, endsAt: true, doorsAt: true } },
      lines: {
        select: { id: true, status: true, ticketTypeId: true, seatId: true, quantity: true, _count: { select: { tickets: true } } },
        orderBy: { id: "asc" },
      },
    },
  });
  if (!order) throw new AppError("NOT_FOUND", "Order not found", { orderId });
  const pending = order.lines.filter((line) => line.status === "PENDING");
  const active = order.lines.filter((line) => line.status === "ACTIVE");
  if (pending.length > 0 || active.length === 0) {
    throw new AppError("CONFLICT", "Tickets are issued once the order's lines are final (ACTIVE)", {
      orderId,
      lineStatuses: order.lines.map((line) => line.status),
    });
  }
  const seatedTwice = active.find((line) => line.seatId !== null && line.quantity !== 1);
  if (seatedTwice) throw new AppError("CONFLICT", "A seated order line must have quantity 1", { orderLineId: seatedTwice.id });

  const wanted = active.flatMap((line) => Array.from({ length: Math.max(0, line.quantity - line._count.tickets) }, () => line));
  if (wanted.length === 0) return 0;

  const key = await activeSigningKey(tx, order.eventId);
  const privateKey = privateSigningKey(key, deps.ticketKeySecret);
  const issuedAt = deps.clock.now();
  const validity = ticketValidity(order.event);
  const tickets = wanted.map((line) => {
    // Chosen before the insert: the signed code carries the id.
    const id = uuidV7(issuedAt.getTime());
    const claims = { ticketId: id, eventId: order.eventId, ticketTypeId: line.ticketTypeId, seatId: line.seatId, ...validity, keyId: key.keyId, issuedAt };
    return {
      id,
      eventId: order.eventId,
      orderId,
      orderLineId: line.id,
      ticketTypeId: line.ticketTypeId,
      seatId: line.seatId,
      signingKeyId: key.id,
      signedCode: signTicketCode(claims, privateKey),
      holderName: order.buyerName,
      issuedAt,
    };
  });

  // ON CONFLICT DO NOTHING: ids and signed codes are new, so only a short code can collide; the
  // tickets left out get a fresh draw. No exception, so the transaction stays usable.
  const newShortCode = deps.newShortCode ?? (() => generateShortCode());
  let missing = tickets;
  for (let attempt = 0; attempt < SHORT_CODE_ATTEMPTS && missing.length > 0; attempt++) {
    const inserted = await tx.ticket.createManyAndReturn({
      data: missing.map((ticket) => ({ ...ticket, shortCode: newShortCode() })),
      skipDuplicates: true,
      select: { id: true },
    });
    const insertedIds = new Set(inserted.map((row) => row.id));
    missing = missing.filter((ticket) => !insertedIds.has(ticket.id));
  }
  if (missing.length > 0) throw new Error(`Could not find free short codes for ${missing.length} tickets of order ${orderId}`);
  return tickets.length;
}

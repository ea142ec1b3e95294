import type { Db, Prisma } from "@marquee/db";
import { AppError } from "../../errors.ts";
import type { TListOrdersInput, TOrderListItem } from "./order-schemas.ts";

/** Order references ("MQ-7KX2-4PD9") and ticket short codes ("K7Q-X2M-PAR") are typed in any case. */
const CODE = /^[A-Z0-9]+(?:-[A-Z0-9]+)+$/;

/**
 * The search box: a substring of the buyer's name or e-mail (trigram indexes), or exactly an order
 * reference or a ticket short code (unique indexes). Always inside one organisation.
 */
export function orderSearchWhere(organizationId: string, input: Omit<TListOrdersInput, "cursor" | "limit">): Prisma.OrderWhereInput {
  const where: Prisma.OrderWhereInput = { organizationId };
  if (input.eventId) where.eventId = input.eventId;
  if (input.status) where.status = input.status;
  if (input.channel) where.channel = input.channel;
  if (input.from || input.to) where.createdAt = { ...(input.from ? { gte: input.from } : {}), ...(input.to ? { lt: input.to } : {}) };
  const query = input.query?.trim();
  if (query) {
    const code = query.toUpperCase();
    const or: Prisma.OrderWhereInput[] = [{ buyerName: { contains: query, mode: "insensitive" } }, { buyerEmail: { contains: query, mode: "insensitive" } }];
    if (CODE.test(code)) or.push({ reference: code }, { tickets: { some: { shortCode: code } } });
    where.OR = or;
  }
  return where;
}

/** One page of the organisation's orders, newest first, with a cursor (the last order's id). */
export async function listOrders(
  deps: { db: Db },
  organizationId: string,
  input: TListOrdersInput,
): Promise<{ orders: TOrderListItem[]; nextCursor: string | null }> {
  if (input.eventId && !(await deps.db.event.findFirst({ where: { id: input.eventId, organizationId }, select: { id: true } })))
    throw new AppError("NOT_FOUND", "Event not found.");
  const where = orderSearchWhere(organizationId, input);
  if (input.cursor) {
    const after = await deps.db.order.findFirst({ where: { id: input.cursor, organizationId }, select: { id: true, createdAt: true } });
    // A cursor from another organisation (or made up) is refused like any foreign id.
    if (!after) throw new AppError("NOT_FOUND", "Unknown cursor.");
    where.AND = [{ OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] }];
  }
  const rows = await deps.db.order.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    include: { event: { select: { name: true } }, _count: { select: { tickets: { where: { status: "VALID" } } } } },
  });
  const page = rows.slice(0, input.limit);
  return {
    orders: page.map((order) => ({
      id: order.id,
      reference: order.reference,
      status: order.status,
      channel: order.channel,
      buyerName: order.buyerName,
      buyerEmail: order.buyerEmail,
      eventId: order.eventId,
      eventName: order.event.name,
      currency: order.currency,
      totalMinor: order.totalMinor,
      refundedMinor: order.refundedMinor,
      ticketCount: order._count.tickets,
      createdAt: order.createdAt,
    })),
    nextCursor: rows.length > input.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

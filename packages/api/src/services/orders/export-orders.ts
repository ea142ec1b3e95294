import type { Db, Prisma } from "@marquee/db";
import { AppError } from "../../errors.ts";
import { recordAudit, type TAuditActor } from "../audit/record-audit.ts";
import { csvStream, EXPORT_BATCH_SIZE } from "./csv-stream.ts";

export type TExportKind = "orders" | "attendees";

export interface TExportInput {
  organizationId: string;
  kind: TExportKind;
  /** One event's rows; the whole organisation's when absent. */
  eventId?: string | null;
  actor: TAuditActor;
}

export interface TExport {
  /** How many rows will follow the header (counted first, for the progress bar). */
  total: number;
  filename: string;
  stream: ReadableStream<Uint8Array>;
}

export const ATTENDEE_COLUMNS = [
  "ticket_id",
  "short_code",
  "status",
  "ticket_type",
  "section",
  "row",
  "seat",
  "holder_name",
  "holder_email",
  "buyer_name",
  "buyer_email",
  "order_reference",
  "event",
  "checked_in_at",
] as const;

export const ORDER_COLUMNS = [
  "order_reference",
  "status",
  "channel",
  "created_at",
  "paid_at",
  "event",
  "buyer_name",
  "buyer_email",
  "currency",
  "total_minor",
  "refunded_minor",
  "tickets",
] as const;

/** Attendees are the valid tickets: who may come in. */
const attendeeWhere = (organizationId: string, eventId?: string | null): Prisma.TicketWhereInput => ({
  status: "VALID",
  ...(eventId ? { eventId } : { event: { organizationId } }),
});

const ATTENDEE_SELECT = {
  id: true,
  shortCode: true,
  status: true,
  holderName: true,
  holderEmail: true,
  checkedInAt: true,
  ticketType: { select: { name: true } },
  seat: { select: { label: true, row: { select: { label: true } }, section: { select: { name: true } } } },
  order: { select: { reference: true, buyerName: true, buyerEmail: true } },
  event: { select: { name: true } },
} as const satisfies Prisma.TicketSelect;
type TAttendeeRow = Prisma.TicketGetPayload<{ select: typeof ATTENDEE_SELECT }>;

const ORDER_INCLUDE = {
  event: { select: { name: true } },
  _count: { select: { tickets: { where: { status: "VALID" } } } },
} as const satisfies Prisma.OrderInclude;
type TOrderRow = Prisma.OrderGetPayload<{ include: typeof ORDER_INCLUDE }>;

async function* attendeeBatches(db: Db, where: Prisma.TicketWhereInput): AsyncGenerator<unknown[][]> {
  let cursor: string | null = null;
  for (;;) {
    const tickets: TAttendeeRow[] = await db.ticket.findMany({
      where: cursor ? { ...where, id: { gt: cursor } } : where,
      orderBy: { id: "asc" },
      take: EXPORT_BATCH_SIZE,
      select: ATTENDEE_SELECT,
    });
    if (tickets.length === 0) return;
    cursor = tickets.at(-1)!.id;
    yield tickets.map((t) => [
      t.id,
      t.shortCode,
      t.status,
      t.ticketType.name,
      t.seat?.section.name ?? "",
      t.seat?.row.label ?? "",
      t.seat?.label ?? "",
      t.holderName ?? t.order.buyerName,
      t.holderEmail ?? t.order.buyerEmail,
      t.order.buyerName,
      t.order.buyerEmail,
      t.order.reference,
      t.event.name,
      t.checkedInAt,
    ]);
    if (tickets.length < EXPORT_BATCH_SIZE) return;
  }
}

async function* orderBatches(db: Db, where: Prisma.OrderWhereInput): AsyncGenerator<unknown[][]> {
  let cursor: string | null = null;
  for (;;) {
    const orders: TOrderRow[] = await db.order.findMany({
      where: cursor ? { ...where, id: { gt: cursor } } : where,
      orderBy: { id: "asc" },
      take: EXPORT_BATCH_SIZE,
      include: ORDER_INCLUDE,
    });
    if (orders.length === 0) return;
    cursor = orders.at(-1)!.id;
    yield orders.map((o) => [
      o.reference,
      o.status,
      o.channel,
      o.createdAt,
      o.paidAt,
      o.event.name,
      o.buyerName,
      o.buyerEmail,
      o.currency,
      o.totalMinor,
      o.refundedMinor,
      o._count.tickets,
    ]);
    if (orders.length < EXPORT_BATCH_SIZE) return;
  }
}

/**
 * Starts an export: checks the event is the organisation's, records `export.<kind>` in the audit
 * log, counts the rows, and answers a CSV stream that pages through the database by id (1,000 rows
 * a batch), so 100,000 rows never sit in memory at once.
 */
export async function startExport(deps: { db: Db }, input: TExportInput): Promise<TExport> {
  const { db } = deps;
  const event = input.eventId
    ? await db.event.findFirst({ where: { id: input.eventId, organizationId: input.organizationId }, select: { id: true, slug: true } })
    : null;
  if (input.eventId && !event) throw new AppError("NOT_FOUND", "Event not found.");
  const ticketWhere = attendeeWhere(input.organizationId, event?.id);
  const orderWhere: Prisma.OrderWhereInput = event ? { organizationId: input.organizationId, eventId: event.id } : { organizationId: input.organizationId };
  const total = input.kind === "attendees" ? await db.ticket.count({ where: ticketWhere }) : await db.order.count({ where: orderWhere });
  await db.$transaction((tx: Prisma.TransactionClient) =>
    recordAudit(tx, {
      organizationId: input.organizationId,
      actor: input.actor,
      action: `export.${input.kind}`,
      targetType: event ? "event" : "organization",
      targetId: event?.id ?? input.organizationId,
      data: { rows: total },
    }),
  );
  const filename = `${input.kind}-${event?.slug ?? "all-events"}.csv`;
  const stream =
    input.kind === "attendees" ? csvStream(ATTENDEE_COLUMNS, attendeeBatches(db, ticketWhere)) : csvStream(ORDER_COLUMNS, orderBatches(db, orderWhere));
  return { total, filename, stream };
}

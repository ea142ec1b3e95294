import { Prisma, type Db } from "@marquee/db";
import type { Clock } from "../../clock.ts";
import { AppError } from "../../errors.ts";
import { writeOutbox } from "../outbox/write-outbox.ts";
import { requestRefundInTransaction } from "../refunds/refund-order.ts";
import { pendingRefundTicketIds, ticketBlock, ticketNotChangeable } from "./buyer-ticket.ts";
import { assertRefundRequestsOpen, SELF_SERVICE_EVENT_SELECT } from "./self-service-policy.ts";

type Tx = Prisma.TransactionClient;

export interface TCreateRefundRequestInput {
  orderId: string;
  /** The tickets to refund; all of the buyer's refundable tickets when absent. */
  ticketIds?: string[];
  reason: string;
  /** The signed-in buyer; null for a guest with the order link. */
  actorId: string | null;
}

/** A refund request as the buyer and the console see it. */
export interface TRefundRequestView {
  id: string;
  orderId: string;
  eventId: string;
  status: "PENDING" | "APPROVED" | "DECLINED";
  reason: string;
  ticketIds: string[];
  refundId: string | null;
  decisionNote: string | null;
  decidedAt: Date | null;
  createdAt: Date;
}

const toView = (r: TRefundRequestView): TRefundRequestView => ({
  id: r.id,
  orderId: r.orderId,
  eventId: r.eventId,
  status: r.status,
  reason: r.reason,
  ticketIds: r.ticketIds,
  refundId: r.refundId,
  decisionNote: r.decisionNote,
  decidedAt: r.decidedAt,
  createdAt: r.createdAt,
});

/**
 * A buyer's refund request, while the event's refund policy takes them: recorded (at most one
 * PENDING per order, REFUND_REQUEST_PENDING otherwise) with the outbox event
 * `refund-request.created` (the notification worker e-mails the organisation's owners and admins)
 * and the audit log, in one transaction under the order's lock. No money moves until the organiser
 * approves it (`approveRefundRequest`, which runs the refund saga).
 */
export async function createRefundRequest(deps: { db: Db; clock: Clock }, input: TCreateRefundRequestInput): Promise<TRefundRequestView> {
  const reason = input.reason.trim();
  if (!reason) throw new AppError("VALIDATION_ERROR", "Give a reason for the refund.");
  try {
    return await deps.db.$transaction(async (tx: Tx) => {
      const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Order" WHERE id = ${input.orderId}::uuid FOR UPDATE`;
      if (!locked) throw new AppError("NOT_FOUND", "Order not found.");
      const order = await tx.order.findUniqueOrThrow({
        where: { id: input.orderId },
        include: { event: { select: SELF_SERVICE_EVENT_SELECT }, tickets: { include: { transferredFrom: { select: { id: true } } } } },
      });
      if (await tx.refundRequest.findFirst({ where: { orderId: order.id, status: "PENDING" }, select: { id: true } }))
        throw new AppError("REFUND_REQUEST_PENDING", "A refund request for this order is already waiting for the organiser.");
      assertRefundRequestsOpen(order.event, deps.clock.now());
      const pending = await pendingRefundTicketIds(tx, order.id);
      // The buyer's own tickets: one they transferred was replaced by its recipient's.
      const own = order.tickets.filter((t) => !t.transferredFrom);
      const refundable = own.filter((t) => ticketBlock(t, order, pending) === null);
      const chosen = input.ticketIds ? [...new Set(input.ticketIds)] : refundable.map((t) => t.id);
      if (chosen.length === 0) throw ticketNotChangeable(ticketBlock(own[0] ?? { id: "", status: "REVOKED", checkedInAt: null }, order, pending) ?? "REFUNDED");
      for (const id of chosen) {
        const ticket = own.find((t) => t.id === id);
        if (!ticket) throw new AppError("NOT_FOUND", "Ticket not found.", { ticketId: id });
        const block = ticketBlock(ticket, order, pending);
        if (block) throw ticketNotChangeable(block);
      }
      const request = await tx.refundRequest.create({
        data: { organizationId: order.organizationId, eventId: order.eventId, orderId: order.id, requestedById: input.actorId, ticketIds: chosen, reason },
      });
      await writeOutbox(tx, {
        topic: "refund-request.created",
        aggregateType: "refund-request",
        aggregateId: request.id,
        payload: { refundRequestId: request.id },
      });
      await tx.auditLog.create({
        data: {
          organizationId: order.organizationId,
          actorId: input.actorId,
          actorKind: input.actorId ? "user" : "guest",
          action: "refund-request.create",
          targetType: "order",
          targetId: order.id,
          data: { refundRequestId: request.id, ticketIds: chosen, reason },
        },
      });
      return toView(request);
    });
  } catch (error) {
    // Two requests at once: the partial unique index lets one PENDING request per order through.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      throw new AppError("REFUND_REQUEST_PENDING", "A refund request for this order is already waiting for the organiser.");
    throw error;
  }
}

/** The order's refund requests, newest first (the buyer's order page). */
export async function listOrderRefundRequests(db: Db | Tx, orderId: string): Promise<TRefundRequestView[]> {
  return (await db.refundRequest.findMany({ where: { orderId }, orderBy: { createdAt: "desc" } })).map(toView);
}

export interface TOrganizationRefundRequest extends TRefundRequestView {
  order: { reference: string; buyerName: string; buyerEmail: string; currency: string; totalMinor: number };
  event: { name: string; startsAt: Date };
}

/** The organisation's refund requests (the console of the next issue), newest first; PENDING ones by default. */
export async function listRefundRequests(
  db: Db,
  input: { organizationId: string; status?: "PENDING" | "APPROVED" | "DECLINED"; eventId?: string; limit?: number },
): Promise<TOrganizationRefundRequest[]> {
  // Another organisation's (or an unknown) event is NOT_FOUND, as every id of another tenant is.
  if (input.eventId && !(await db.event.findFirst({ where: { id: input.eventId, organizationId: input.organizationId }, select: { id: true } })))
    throw new AppError("NOT_FOUND", "Event not found.");
  const rows = await db.refundRequest.findMany({
    where: { organizationId: input.organizationId, status: input.status ?? "PENDING", ...(input.eventId ? { eventId: input.eventId } : {}) },
    include: {
      order: { select: { reference: true, buyerName: true, buyerEmail: true, currency: true, totalMinor: true } },
      event: { select: { name: true, startsAt: true } },
    },
    orderBy: { createdAt: "desc" },
    take: input.limit ?? 100,
  });
  return rows.map((r) => ({ ...toView(r), order: r.order, event: r.event }));
}

/** Locks the organisation's request; another organisation's (or an unknown) id is NOT_FOUND. */
async function lockRequest(tx: Tx, organizationId: string, requestId: string) {
  const [row] = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "RefundRequest" WHERE id = ${requestId}::uuid AND "organizationId" = ${organizationId}::uuid FOR UPDATE`;
  if (!row) throw new AppError("NOT_FOUND", "Refund request not found.");
  return tx.refundRequest.findUniqueOrThrow({ where: { id: requestId } });
}

/**
 * The organiser approves a buyer's request: in one transaction the EXISTING refund saga's first
 * step (`requestRefundInTransaction`: a PENDING Refund for the tickets, outbox `refund.requested`,
 * audit) and the request APPROVED with that refund's id; the payment worker completes the refund
 * (Stripe, tickets revoked, credit note, e-mail). Approving again answers the same refund.
 */
export async function approveRefundRequest(
  deps: { db: Db; clock: Clock },
  input: { organizationId: string; requestId: string; decidedById: string; note?: string },
): Promise<TRefundRequestView> {
  return deps.db.$transaction(async (tx: Tx) => {
    const request = await lockRequest(tx, input.organizationId, input.requestId);
    if (request.status === "APPROVED") return toView(request);
    if (request.status !== "PENDING") throw new AppError("CONFLICT", "This refund request was declined.");
    const refund = await requestRefundInTransaction(tx, {
      organizationId: input.organizationId,
      orderId: request.orderId,
      ticketIds: request.ticketIds,
      reason: `Refund request: ${request.reason}`.slice(0, 1_000),
      requestedById: input.decidedById,
    });
    const approved = await tx.refundRequest.update({
      where: { id: request.id },
      data: { status: "APPROVED", refundId: refund.refundId, decidedById: input.decidedById, decidedAt: deps.clock.now(), decisionNote: input.note ?? null },
    });
    return toView(approved);
  });
}

/** The organiser declines a buyer's request (with a note the buyer sees); declining again changes nothing. */
export async function declineRefundRequest(
  deps: { db: Db; clock: Clock },
  input: { organizationId: string; requestId: string; decidedById: string; note: string },
): Promise<TRefundRequestView> {
  return deps.db.$transaction(async (tx: Tx) => {
    const request = await lockRequest(tx, input.organizationId, input.requestId);
    if (request.status === "DECLINED") return toView(request);
    if (request.status !== "PENDING") throw new AppError("CONFLICT", "This refund request was already approved.");
    const declined = await tx.refundRequest.update({
      where: { id: request.id },
      data: { status: "DECLINED", decidedById: input.decidedById, decidedAt: deps.clock.now(), decisionNote: input.note.trim() },
    });
    await tx.auditLog.create({
      data: {
        organizationId: input.organizationId,
        actorId: input.decidedById,
        action: "refund-request.decline",
        targetType: "order",
        targetId: request.orderId,
        data: { refundRequestId: request.id, note: input.note.trim() },
      },
    });
    return toView(declined);
  });
}

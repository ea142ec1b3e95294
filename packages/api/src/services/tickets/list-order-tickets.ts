import type { Db } from "@marquee/db";
import type { TLocale } from "@marquee/documents/locale";
import { AppError } from "../../errors.ts";
import { resolveName } from "../content/resolve-content.ts";
import { isUuid } from "./ticket-id.ts";
import type { TOrderTicket, TTicketDbDeps, TTx } from "./types.ts";

const TICKET_SELECT = {
  id: true,
  orderId: true,
  orderLineId: true,
  eventId: true,
  shortCode: true,
  signedCode: true,
  status: true,
  holderName: true,
  ticketTypeId: true,
  issuedAt: true,
  revokedAt: true,
  revokeReason: true,
  checkedInAt: true,
  holderEmail: true,
  transferredAt: true,
  transferredToTicketId: true,
  transferredFrom: { select: { id: true } },
  ticketType: { select: { name: true, translations: true, event: { select: { defaultLanguage: true } } } },
  seat: { select: { id: true, label: true, section: { select: { name: true, translations: true } }, row: { select: { label: true } } } },
} as const;

/**
 * The order's tickets (all statuses), in line order then issue order. Type and section names are
 * in `locale` where the organiser gave them in it (else the event's default language).
 */
export async function loadOrderTickets(client: Db | TTx, orderId: string, locale?: TLocale | null): Promise<TOrderTicket[]> {
  const rows = await client.ticket.findMany({ where: { orderId }, select: TICKET_SELECT, orderBy: [{ orderLineId: "asc" }, { id: "asc" }] });
  return rows.map(({ ticketType, seat, transferredFrom, ...ticket }) => {
    const language = { requested: locale, defaultLanguage: ticketType.event.defaultLanguage };
    return {
      ...ticket,
      transferredFromTicketId: transferredFrom?.id ?? null,
      ticketTypeName: resolveName(ticketType, language),
      seat: seat ? { id: seat.id, section: resolveName(seat.section, language), row: seat.row.label, seat: seat.label } : null,
    };
  });
}

/** The tickets of an order with their type and seat labels; NOT_FOUND for an unknown order. */
export async function listOrderTickets(deps: Pick<TTicketDbDeps, "db">, input: { orderId: string }): Promise<TOrderTicket[]> {
  const order = isUuid(input.orderId) ? await deps.db.order.findUnique({ where: { id: input.orderId }, select: { id: true } }) : null;
  if (!order) throw new AppError("NOT_FOUND", "Order not found", { orderId: input.orderId });
  return loadOrderTickets(deps.db, input.orderId);
}

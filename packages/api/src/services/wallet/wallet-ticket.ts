import type { Db } from "@marquee/db";
import { AppError } from "../../errors.ts";
import { isUuid } from "../tickets/ticket-id.ts";

const WALLET_TICKET_SELECT = {
  id: true,
  orderId: true,
  shortCode: true,
  signedCode: true,
  status: true,
  holderName: true,
  issuedAt: true,
  revokedAt: true,
  ticketType: { select: { name: true } },
  seat: { select: { label: true, section: { select: { name: true } }, row: { select: { label: true } } } },
  order: { select: { id: true, reference: true, buyerName: true, buyerEmail: true, locale: true, cartId: true, userId: true } },
  event: {
    select: {
      id: true,
      name: true,
      startsAt: true,
      endsAt: true,
      doorsAt: true,
      timezone: true,
      venue: { select: { name: true, address: true, city: true, country: true, latitude: true, longitude: true } },
      organization: { select: { name: true, brandColor: true, brandTextColor: true } },
    },
  },
  walletPass: { select: { changedAt: true } },
} as const;

export interface TWalletTicket {
  id: string;
  orderId: string;
  orderReference: string;
  /** The order's owner, for the access check (cartMayReadOrder, or the order's e-mailed link bound to the buyer's address). */
  order: { cartId: string | null; userId: string | null; buyerEmail: string };
  locale: string;
  shortCode: string;
  /** The signed code the check-in scanner verifies (the QR's message). */
  signedCode: string;
  valid: boolean;
  holderName: string;
  ticketTypeName: string;
  seat: { section: string; row: string; seat: string } | null;
  event: { id: string; name: string; startsAt: Date; endsAt: Date; doorsAt: Date | null; timezone: string };
  venue: { name: string; address: string | null; city: string; country: string; latitude: number | null; longitude: number | null };
  organization: { name: string; brandColor: string | null; brandTextColor: string | null };
  /**
   * When the pass last changed: the latest of its issue, its revocation and the last
   * ticketPassChanged, to the second (HTTP dates and Apple's tags have no milliseconds).
   */
  lastUpdated: Date;
}

const toSecond = (ms: number) => new Date(Math.floor(ms / 1_000) * 1_000);

/** The ticket as a wallet pass shows it now (current holder, seat and status); NOT_FOUND if there is none. */
export async function loadWalletTicket(db: Db, ticketId: string): Promise<TWalletTicket> {
  const row = isUuid(ticketId) ? await db.ticket.findUnique({ where: { id: ticketId }, select: WALLET_TICKET_SELECT }) : null;
  if (!row) throw new AppError("NOT_FOUND", "Ticket not found.");
  const { venue, organization, ...event } = row.event;
  const changes = [row.issuedAt, row.revokedAt, row.walletPass?.changedAt].filter((date): date is Date => date instanceof Date).map((date) => date.getTime());
  return {
    id: row.id,
    orderId: row.orderId,
    orderReference: row.order.reference,
    order: { cartId: row.order.cartId, userId: row.order.userId, buyerEmail: row.order.buyerEmail },
    locale: row.order.locale,
    shortCode: row.shortCode,
    signedCode: row.signedCode,
    valid: row.status === "VALID",
    holderName: row.holderName ?? row.order.buyerName,
    ticketTypeName: row.ticketType.name,
    seat: row.seat ? { section: row.seat.section.name, row: row.seat.row.label, seat: row.seat.label } : null,
    event,
    venue,
    organization,
    lastUpdated: toSecond(Math.max(...changes)),
  };
}

const HEX = /^#[0-9a-f]{6}$/i;
const rgb = (hex: string) => `rgb(${parseInt(hex.slice(1, 3), 16)}, ${parseInt(hex.slice(3, 5), 16)}, ${parseInt(hex.slice(5, 7), 16)})`;

/** The organiser's colours (Marquee's when unset or malformed), as hex and as Apple's rgb() strings. */
export function passColours(organization: TWalletTicket["organization"]) {
  const background = organization.brandColor && HEX.test(organization.brandColor) ? organization.brandColor.toLowerCase() : "#1f2a44";
  const foreground = organization.brandTextColor && HEX.test(organization.brandTextColor) ? organization.brandTextColor.toLowerCase() : "#ffffff";
  return { background, foreground, backgroundRgb: rgb(background), foregroundRgb: rgb(foreground) };
}

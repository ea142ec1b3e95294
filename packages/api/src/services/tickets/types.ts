import type { Db, Prisma } from "@marquee/db";
import type { Clock } from "../../clock.ts";

export interface TTicketDeps {
  db: Db;
  clock: Clock;
  /** TICKET_KEY_SECRET (`readTicketKeyEnv`): decrypts the events' signing keys. */
  ticketKeySecret: string;
  /** Draws a short code; defaults to @marquee/tickets generateShortCode (tests force collisions). */
  newShortCode?: () => string;
}

/** What the functions that never sign need: no key material. */
export type TTicketDbDeps = Pick<TTicketDeps, "db" | "clock">;

/** A Prisma interactive-transaction client. */
export type TTx = Prisma.TransactionClient;

/** A ticket as the buyer, support and the organiser see it. */
export interface TOrderTicket {
  id: string;
  orderId: string;
  orderLineId: string;
  eventId: string;
  shortCode: string;
  /** The QR payload (Crockford base32, verifiable offline). */
  signedCode: string;
  status: "VALID" | "REVOKED" | "TRANSFERRED";
  holderName: string | null;
  ticketTypeId: string;
  ticketTypeName: string;
  /** Null for general admission. */
  seat: { id: string; section: string; row: string; seat: string } | null;
  issuedAt: Date;
  revokedAt: Date | null;
  revokeReason: string | null;
  checkedInAt: Date | null;
  /** A ticket issued by a transfer: its recipient's address, and the ticket it replaced. */
  holderEmail: string | null;
  transferredFromTicketId: string | null;
  /** A TRANSFERRED ticket: when, and the ticket that replaced it. */
  transferredAt: Date | null;
  transferredToTicketId: string | null;
}

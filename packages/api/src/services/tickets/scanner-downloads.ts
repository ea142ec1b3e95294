import { encodeRevocationList, type TicketVerificationKey } from "@marquee/tickets";
import { AppError } from "../../errors.ts";
import { isUuid } from "./ticket-id.ts";
import type { TTicketDbDeps } from "./types.ts";

// What a scanner downloads before the doors open (and refreshes while online): the event's public
// keys with their status, and the list of revoked tickets. Both are enough to verify offline.

export interface TEventRevocationList {
  eventId: string;
  /** Taken before the read: every revocation committed by then is on the list. */
  generatedAt: Date;
  size: number;
  /** base64url, for decodeRevocationList in the scanner. */
  encoded: string;
}

async function requireEvent(deps: Pick<TTicketDbDeps, "db">, eventId: string): Promise<void> {
  const event = isUuid(eventId) ? await deps.db.event.findUnique({ where: { id: eventId }, select: { id: true } }) : null;
  if (!event) throw new AppError("NOT_FOUND", "Event not found", { eventId });
}

/** The encoded revocation list of the event's REVOKED and TRANSFERRED tickets (index Ticket(eventId, status)). */
export async function eventRevocationList(deps: TTicketDbDeps, eventId: string): Promise<TEventRevocationList> {
  await requireEvent(deps, eventId);
  const generatedAt = deps.clock.now();
  const revoked = await deps.db.ticket.findMany({ where: { eventId, status: { in: ["REVOKED", "TRANSFERRED"] } }, select: { id: true } });
  const ticketIds = revoked.map((ticket) => ticket.id);
  return { eventId, generatedAt, size: ticketIds.length, encoded: encodeRevocationList({ eventId, generatedAt, ticketIds }) };
}

/** The event's public keys, every status: VERIFY_ONLY keys still admit, REVOKED keys refuse. */
export async function eventVerificationKeys(deps: Pick<TTicketDbDeps, "db">, eventId: string): Promise<TicketVerificationKey[]> {
  await requireEvent(deps, eventId);
  return deps.db.eventSigningKey.findMany({
    where: { eventId },
    select: { keyId: true, publicKey: true, status: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
}

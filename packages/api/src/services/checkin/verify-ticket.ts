import { decodeRevocationList, parseTicketCode, verifyTicketCode } from "@marquee/tickets";
import { z } from "zod";
import type { Db } from "@marquee/db";
import type { Clock } from "../../clock.ts";
import { AppError } from "../../errors.ts";
import { eventRevocationList, eventVerificationKeys } from "../tickets/scanner-downloads.ts";

export const ZVerifyTicketInputSchema = z.object({ eventId: z.uuid(), code: z.string().trim().min(1).max(512) });

const ZVerifyReason = z.enum(["MALFORMED", "UNKNOWN_KEY", "KEY_REVOKED", "BAD_SIGNATURE", "WRONG_EVENT", "NOT_YET_VALID", "EXPIRED", "REVOKED", "TRANSFERRED"]);

export const ZVerifyTicketOutputSchema = z.discriminatedUnion("ok", [
  z.object({
    ok: z.literal(true),
    ticket: z.object({ id: z.uuid(), shortCode: z.string(), holderName: z.string().nullable(), ticketTypeName: z.string(), checkedIn: z.boolean() }),
  }),
  z.object({ ok: z.literal(false), reason: ZVerifyReason, message: z.string() }),
]);
export type TVerifyTicketOutputSchema = z.infer<typeof ZVerifyTicketOutputSchema>;

const MESSAGES: Record<z.infer<typeof ZVerifyReason>, string> = {
  MALFORMED: "This is not a ticket code.",
  UNKNOWN_KEY: "This code was not signed by this event's keys.",
  KEY_REVOKED: "This code was signed with a withdrawn key.",
  BAD_SIGNATURE: "This code's signature does not hold: it was altered or forged.",
  WRONG_EVENT: "This ticket is for another event.",
  NOT_YET_VALID: "This ticket is not valid yet.",
  EXPIRED: "This ticket is no longer valid (the event is over).",
  REVOKED: "This ticket was refunded or cancelled.",
  TRANSFERRED: "This ticket was transferred to someone else; its new holder has a new code.",
};

/**
 * A door check of one code against the organisation's event, as a scanner does it offline (the
 * event's keys and revocation list), plus what only the server knows: a revoked code whose ticket
 * was transferred says TRANSFERRED. Revocation outranks the validity window: a transferred code is
 * refused for that reason whenever it is shown. Records no scan. Another organisation's event is NOT_FOUND.
 */
export async function verifyTicket(
  deps: { db: Db; clock: Clock },
  organizationId: string,
  input: { eventId: string; code: string },
): Promise<TVerifyTicketOutputSchema> {
  const event = await deps.db.event.findFirst({ where: { id: input.eventId, organizationId }, select: { id: true } });
  if (!event) throw new AppError("NOT_FOUND", "Event not found.");
  const [keys, list] = await Promise.all([eventVerificationKeys(deps, event.id), eventRevocationList(deps, event.id)]);
  const revoked = decodeRevocationList(list.encoded) ?? undefined;
  const result = await verifyTicketCode(input.code, { keys, revoked, eventId: event.id, now: deps.clock.now() });
  const signed = result.ok || result.reason === "NOT_YET_VALID" || result.reason === "EXPIRED" || result.reason === "REVOKED";
  const claims = signed ? parseTicketCode(input.code)?.claims : undefined;
  const ticket = claims ? await deps.db.ticket.findUnique({ where: { id: claims.ticketId }, include: { ticketType: { select: { name: true } } } }) : null;
  if (ticket && ticket.eventId === event.id && ticket.status !== "VALID") {
    const reason = ticket.status === "TRANSFERRED" ? "TRANSFERRED" : "REVOKED";
    return { ok: false, reason, message: MESSAGES[reason] };
  }
  if (!result.ok) return { ok: false, reason: result.reason, message: MESSAGES[result.reason] };
  if (!ticket) return { ok: false, reason: "REVOKED", message: "This ticket is not on record." };
  return {
    ok: true,
    ticket: {
      id: ticket.id,
      shortCode: ticket.shortCode,
      holderName: ticket.holderName,
      ticketTypeName: ticket.ticketType.name,
      checkedIn: ticket.checkedInAt !== null,
    },
  };
}

import { AppError } from "../../errors.ts";
import { isUuid } from "./ticket-id.ts";
import type { TTicketDbDeps } from "./types.ts";
import { announceTicketChanges } from "../checkin/scans/checkin-announcements.ts";

export const MAX_REVOKE_REASON_LENGTH = 500;

export interface TRevokeTicketsResult {
  /** Tickets this call revoked; tickets that were already REVOKED are left as they were. */
  revokedTicketIds: string[];
  /** Named tickets that were REVOKED before this call. */
  alreadyRevokedTicketIds: string[];
}

/**
 * VALID -> REVOKED with revokedAt and the reason, so the tickets go on their event's revocation
 * list. Idempotent: a ticket already revoked keeps its first revokedAt and reason. All named
 * tickets must exist (NOT_FOUND otherwise, nothing changed). Authorisation (which organisation may
 * revoke which tickets) is the caller's.
 */
export async function revokeTickets(deps: TTicketDbDeps, input: { ticketIds: readonly string[]; reason: string }): Promise<TRevokeTicketsResult> {
  const reason = input.reason.trim();
  if (!reason || reason.length > MAX_REVOKE_REASON_LENGTH)
    throw new AppError("VALIDATION_ERROR", `A revocation reason of 1 to ${MAX_REVOKE_REASON_LENGTH} characters is required`);
  const ticketIds = [...new Set(input.ticketIds.map((id) => id.toLowerCase()))];
  if (ticketIds.length === 0) return { revokedTicketIds: [], alreadyRevokedTicketIds: [] };
  const unknown = ticketIds.filter((id) => !isUuid(id));
  if (unknown.length > 0) throw new AppError("NOT_FOUND", "Some tickets do not exist", { ticketIds: unknown });

  const revokedAt = deps.clock.now();
  return deps.db.$transaction(async (tx) => {
    // The conditional UPDATE decides: of concurrent revokers, each ticket is revoked by exactly one.
    const revoked = await tx.ticket.updateManyAndReturn({
      where: { id: { in: ticketIds }, status: "VALID" },
      data: { status: "REVOKED", revokedAt, revokeReason: reason },
      select: { id: true, eventId: true },
    });
    // Door scanners refuse them within seconds (the event's check-in channel), once the revocation commits.
    await announceTicketChanges(
      tx,
      revoked.map((ticket) => ({ ...ticket, status: "REVOKED" as const })),
    );
    const revokedIds = new Set(revoked.map((ticket) => ticket.id));
    const others = await tx.ticket.findMany({ where: { id: { in: ticketIds.filter((id) => !revokedIds.has(id)) } }, select: { id: true } });
    if (revokedIds.size + others.length < ticketIds.length) {
      const found = new Set([...revokedIds, ...others.map((ticket) => ticket.id)]);
      // Throwing rolls the revocations of this call back: all or nothing.
      throw new AppError("NOT_FOUND", "Some tickets do not exist", { ticketIds: ticketIds.filter((id) => !found.has(id)) });
    }
    return { revokedTicketIds: [...revokedIds].sort(), alreadyRevokedTicketIds: others.map((ticket) => ticket.id).sort() };
  });
}

import { parseShortCode } from "./short-code.ts";
import { parseTicketCode } from "./ticket-code.ts";
import { type TicketVerificationKey, verifyTicketCode } from "./verify-ticket-code.ts";
import type { RevokedTickets } from "./revocation-list.ts";

// The door's verdict on one scan, the same pure function on the phone (offline, from its synced
// data) and on the server (with every device's scans known). Nothing here touches storage: the
// caller passes what it knows about the ticket and its earlier scans on the list.

/** The verdicts, named as the server stores them (ScanResult). */
export const CHECKIN_VERDICTS = [
  "ACCEPTED",
  "ALREADY_USED",
  "REVOKED",
  "INVALID_SIGNATURE",
  "WRONG_EVENT",
  "UNKNOWN_TICKET",
  "MALFORMED",
  "NOT_ON_LIST",
  "NOT_YET_VALID",
  "EXPIRED",
] as const;
export type CheckinVerdict = (typeof CHECKIN_VERDICTS)[number];

export type CheckinScanKind = "ENTRY" | "EXIT";

/** A check-in list's rules, as synced to devices. Times are epoch milliseconds. */
export interface CheckinListRules {
  id: string;
  eventId: string;
  allTicketTypes: boolean;
  ticketTypeIds: readonly string[];
  exitScans: boolean;
  allowReentry: boolean;
  validFrom: number | null;
  validUntil: number | null;
}

/** What the device's index (or the server's database) knows of one ticket. */
export interface CheckinTicketRecord {
  id: string;
  eventId: string;
  ticketTypeId: string;
  status: "VALID" | "REVOKED" | "TRANSFERRED";
}

/** An earlier counted scan (accepted, not annulled) of this ticket on this list, from any device. */
export interface CheckinPriorScan {
  kind: CheckinScanKind;
  /** Device time of the scan, epoch milliseconds. */
  scannedAt: number;
  gate: string | null;
  deviceId: string | null;
  deviceName: string | null;
}

export interface CheckinDecisionInput {
  /** What was read: a signed QR code, or a short code typed or read by a hardware scanner. */
  code: string;
  kind: CheckinScanKind;
  list: CheckinListRules;
  /** Public keys of the events this device scans (any event: another event's code says WRONG_EVENT). */
  keys: readonly TicketVerificationKey[];
  revoked?: RevokedTickets;
  /** Epoch milliseconds of the scan (device time). */
  now: number;
  /** The ticket by id (signed codes) or by short code in display form "K7Q-X2M-PAR" (typed codes). */
  findTicket: (ref: { ticketId: string } | { shortCode: string }) => CheckinTicketRecord | undefined;
  /** Counted scans of the ticket on this list, any order. */
  priorScans: (ticketId: string) => readonly CheckinPriorScan[];
}

export type CheckinDecision =
  | { verdict: "ACCEPTED"; kind: CheckinScanKind; ticketId: string; ticketTypeId: string; seatId: string | null }
  | { verdict: "ALREADY_USED"; ticketId: string; ticketTypeId: string; seatId: string | null; previous: CheckinPriorScan }
  | { verdict: Exclude<CheckinVerdict, "ACCEPTED" | "ALREADY_USED">; ticketId: string | null };

/** Whether the list's rules say the ticket is inside after these counted scans (sorted by time). */
function lastEntryInside(scans: readonly CheckinPriorScan[], list: CheckinListRules): CheckinPriorScan | null {
  const sorted = [...scans].sort((a, b) => a.scannedAt - b.scannedAt);
  let inside: CheckinPriorScan | null = null;
  let entered: CheckinPriorScan | null = null;
  for (const scan of sorted) {
    if (scan.kind === "ENTRY") {
      inside = scan;
      entered ??= scan;
    } else inside = null;
  }
  // Without re-entry, one entry is the ticket's only one: an exit does not give it back.
  return list.allowReentry ? inside : entered;
}

/**
 * The verdict on one scan. Order: readable, signature (key known, not withdrawn), event, list
 * (ticket type), revocation (the index's status or the revocation list), validity windows (the
 * ticket's signed one, then the list's), then earlier entries. An exit is accepted for any valid
 * ticket on a list with exit scans.
 */
export async function decideCheckin(input: CheckinDecisionInput): Promise<CheckinDecision> {
  const { list } = input;
  const code = input.code.trim();
  const short = parseShortCode(code);
  let ticketId: string;
  let ticketTypeId: string;
  let seatId: string | null = null;
  let eventId: string;
  let windowCheck: "NOT_YET_VALID" | "EXPIRED" | null = null;
  if (short.ok) {
    const record = input.findTicket({ shortCode: short.shortCode });
    if (!record) return { verdict: "UNKNOWN_TICKET", ticketId: null };
    ticketId = record.id;
    ticketTypeId = record.ticketTypeId;
    eventId = record.eventId;
  } else {
    const verification = await verifyTicketCode(code, { keys: input.keys, revoked: input.revoked, eventId: list.eventId, now: input.now });
    if (!verification.ok) {
      switch (verification.reason) {
        case "MALFORMED":
          return { verdict: "MALFORMED", ticketId: null };
        case "UNKNOWN_KEY":
        case "KEY_REVOKED":
        case "BAD_SIGNATURE":
          return { verdict: "INVALID_SIGNATURE", ticketId: null };
        default:
          break;
      }
    }
    // The signature holds from here on: the claims can be trusted.
    const claims = parseTicketCode(code)!.claims;
    ticketId = claims.ticketId;
    ticketTypeId = claims.ticketTypeId;
    seatId = claims.seatId;
    eventId = claims.eventId;
    if (!verification.ok) {
      if (verification.reason === "WRONG_EVENT") return { verdict: "WRONG_EVENT", ticketId };
      if (verification.reason === "REVOKED") return { verdict: "REVOKED", ticketId };
      if (verification.reason === "NOT_YET_VALID" || verification.reason === "EXPIRED") windowCheck = verification.reason;
    }
  }
  if (eventId !== list.eventId) return { verdict: "WRONG_EVENT", ticketId };
  if (!list.allTicketTypes && !list.ticketTypeIds.includes(ticketTypeId)) return { verdict: "NOT_ON_LIST", ticketId };
  const record = input.findTicket({ ticketId });
  if (record && record.status !== "VALID") return { verdict: "REVOKED", ticketId };
  if (windowCheck) return { verdict: windowCheck, ticketId };
  if (list.validFrom !== null && input.now < list.validFrom) return { verdict: "NOT_YET_VALID", ticketId };
  if (list.validUntil !== null && input.now >= list.validUntil) return { verdict: "EXPIRED", ticketId };
  if (input.kind === "EXIT") return { verdict: "ACCEPTED", kind: "EXIT", ticketId, ticketTypeId, seatId };
  const previous = lastEntryInside(input.priorScans(ticketId), list);
  if (previous) return { verdict: "ALREADY_USED", ticketId, ticketTypeId, seatId, previous };
  return { verdict: "ACCEPTED", kind: "ENTRY", ticketId, ticketTypeId, seatId };
}

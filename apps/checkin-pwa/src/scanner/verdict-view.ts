import type { CheckinDecision, CheckinVerdict } from "@marquee/tickets";
import type { LocalIndex } from "./local-index.ts";

// What the verdict overlay shows: a tone (colour and shape), a word, and the details door staff
// need (type, seat, name; or when, where and by which device the ticket was used).

export type TVerdictTone = "ok" | "warn" | "bad";

export interface TVerdictView {
  /** Increments per scan: the overlay re-renders even for the same verdict twice. */
  seq: number;
  verdict: CheckinVerdict;
  tone: TVerdictTone;
  title: string;
  lines: string[];
  nonce: string;
  /** performance.now() when the input was submitted (for the checkin:verdict measure). */
  startedAt: number;
  overridden: boolean;
}

const TITLES: Record<CheckinVerdict, string> = {
  ACCEPTED: "Valid",
  ALREADY_USED: "Already used",
  REVOKED: "Revoked or refunded",
  INVALID_SIGNATURE: "Forged code",
  WRONG_EVENT: "Wrong event",
  UNKNOWN_TICKET: "Unknown ticket",
  MALFORMED: "Unreadable code",
  NOT_ON_LIST: "Not on this list",
  NOT_YET_VALID: "Not valid yet",
  EXPIRED: "Not valid any more",
};

const toneOf = (verdict: CheckinVerdict): TVerdictTone =>
  verdict === "ACCEPTED" ? "ok" : verdict === "ALREADY_USED" || verdict === "NOT_YET_VALID" ? "warn" : "bad";

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" });

/** Builds the overlay's content from a decision and the local index. */
export function verdictViewOf(
  decision: CheckinDecision,
  index: LocalIndex,
  extra: { seq: number; nonce: string; startedAt: number; kind: "ENTRY" | "EXIT" },
): TVerdictView {
  const lines: string[] = [];
  const ticket = decision.ticketId ? index.findTicket({ ticketId: decision.ticketId }) : undefined;
  if (decision.verdict === "ACCEPTED") {
    if (extra.kind === "EXIT") lines.push("Exit recorded");
    const type = index.ticketTypeName(decision.ticketTypeId);
    if (type) lines.push(type);
    if (ticket?.seat) lines.push(ticket.seat);
    if (ticket?.holder) lines.push(ticket.holder);
  } else if (decision.verdict === "ALREADY_USED") {
    const previous = decision.previous;
    lines.push(`Used at ${timeFormat.format(previous.scannedAt)}`);
    if (previous.gate) lines.push(`at ${previous.gate}`);
    if (previous.deviceName) lines.push(`by ${previous.deviceName}`);
    if (ticket?.holder) lines.push(ticket.holder);
  } else if (ticket) {
    const type = index.ticketTypeName(ticket.ticketTypeId);
    if (type) lines.push(type);
    if (ticket.holder) lines.push(ticket.holder);
  }
  return {
    seq: extra.seq,
    verdict: decision.verdict,
    tone: toneOf(decision.verdict),
    title: TITLES[decision.verdict],
    lines,
    nonce: extra.nonce,
    startedAt: extra.startedAt,
    overridden: false,
  };
}

/** The word for a verdict (recent scans list). */
export const verdictTitle = (verdict: CheckinVerdict) => TITLES[verdict];

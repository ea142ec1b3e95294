import type { TCheckinVerdict } from "@marquee/api/services/checkin/checkin-schemas";

/** The scanner's verdicts in the console's words (the refusals' breakdown). */
export const VERDICT_LABEL: Record<TCheckinVerdict, string> = {
  ACCEPTED: "Admitted",
  ALREADY_USED: "Already used",
  REVOKED: "Revoked or refunded",
  INVALID_SIGNATURE: "Forged",
  WRONG_EVENT: "Wrong event",
  UNKNOWN_TICKET: "Unknown ticket",
  MALFORMED: "Unreadable",
  NOT_ON_LIST: "Not on this list",
  NOT_YET_VALID: "Not valid yet",
  EXPIRED: "No longer valid",
};

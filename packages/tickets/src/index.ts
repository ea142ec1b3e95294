// Browser-safe entry (check-in PWA and server). Signing lives in @marquee/tickets/sign.
export { CROCKFORD_ALPHABET } from "./base32.ts";
export {
  decodeRevocationList,
  encodeRevocationList,
  isTicketRevoked,
  type RevocationList,
  type RevocationListInput,
  type RevokedTickets,
} from "./revocation-list.ts";
export { generateShortCode, parseShortCode, type RandomBytes, type ShortCodeParse } from "./short-code.ts";
export {
  assembleTicketCode,
  encodeTicketCode,
  MAX_TICKET_CODE_LENGTH,
  parseTicketCode,
  TICKET_CODE_VERSION,
  ticketSigningMessage,
  type ParsedTicketCode,
  type TicketClaims,
} from "./ticket-code.ts";
export {
  verifyTicketCode,
  type SigningKeyStatus,
  type TicketRejectionReason,
  type TicketVerification,
  type TicketVerificationKey,
  type VerifyTicketCodeOptions,
} from "./verify-ticket-code.ts";
export {
  CHECKIN_VERDICTS,
  decideCheckin,
  type CheckinDecision,
  type CheckinDecisionInput,
  type CheckinListRules,
  type CheckinPriorScan,
  type CheckinScanKind,
  type CheckinTicketRecord,
  type CheckinVerdict,
} from "./checkin-rules.ts";

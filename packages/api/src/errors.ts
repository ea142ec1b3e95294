import { TRPCError } from "@trpc/server";

// Machine-readable error codes shared by tRPC, the REST API and the apps. Each maps to one HTTP
// status; the message is for people, the code is for programs.
export const APP_ERROR_STATUS = {
  VALIDATION_ERROR: 400,
  WEBHOOK_SIGNATURE_INVALID: 400,
  UNAUTHORIZED: 401,
  CART_REQUIRED: 401,
  FORBIDDEN: 403,
  PASSWORD_INCORRECT: 403,
  CSRF_REJECTED: 403,
  // The organisation's two-factor policy applies to the member's role and they have not turned it on.
  TWO_FACTOR_REQUIRED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  EMAIL_TAKEN: 409,
  SOLD_OUT: 409,
  SEAT_TAKEN: 409,
  HOLD_EXPIRED: 410,
  LINK_EXPIRED: 410,
  // Ticket self-service: past the organiser's cut-off, or a ticket that can no longer change.
  TICKET_CHANGES_CLOSED: 409,
  TICKET_NOT_CHANGEABLE: 409,
  REFUND_REQUESTS_CLOSED: 409,
  REFUND_REQUEST_PENDING: 409,
  LIMIT_EXCEEDED: 422,
  // The help inbox: messages arrived since the agent opened the conversation (the reply is held), or it was merged into another.
  CONVERSATION_CHANGED: 409,
  CONVERSATION_MERGED: 409,
  // A refund asked for more than the order still has to give back (paid − refunded − pending).
  REFUND_EXCEEDS_REFUNDABLE: 409,
  // An organiser lowered a ticket type's capacity below what is sold and held.
  CAPACITY_BELOW_SOLD: 409,
  QUEUE_REQUIRED: 403,
  ADMISSION_INVALID: 403,
  IDEMPOTENCY_MISMATCH: 422,
  // An inbound e-mail for no conversation and no organisation's support address (or from someone else than the conversation's buyer).
  UNROUTABLE_EMAIL: 422,
  // Door check-in: a revoked scanner device (it wipes its local data on this code), and a pairing
  // token that is unknown, used already, or past its 15 minutes.
  DEVICE_REVOKED: 401,
  PAIRING_TOKEN_INVALID: 410,
  // Sales tools: a waiting-list offer link that is unknown, used, passed on or past its time; a
  // waiting list that is off (or a ticket type that is not sold out); a webhook URL that is not
  // public HTTPS (private, loopback and link-local addresses are refused: SSRF).
  OFFER_INVALID: 410,
  WAITING_LIST_CLOSED: 409,
  WEBHOOK_URL_FORBIDDEN: 422,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INVENTORY_BUSY: 503,
  REALTIME_UNAVAILABLE: 503,
  PAYMENTS_UNAVAILABLE: 503,
  // No file store configured where stored documents (invoice PDFs) were asked for.
  DOCUMENTS_UNAVAILABLE: 503,
  INTERNAL: 500,
} as const;

export type AppErrorCode = keyof typeof APP_ERROR_STATUS;

const TRPC_CODE: Record<number, TRPCError["code"]> = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  409: "CONFLICT",
  410: "NOT_FOUND",
  413: "PAYLOAD_TOO_LARGE",
  415: "UNSUPPORTED_MEDIA_TYPE",
  422: "UNPROCESSABLE_CONTENT",
  429: "TOO_MANY_REQUESTS",
  503: "SERVICE_UNAVAILABLE",
  500: "INTERNAL_SERVER_ERROR",
};

/** A domain error with a machine-readable code; services throw it, transports translate it. */
export class AppError extends Error {
  override name = "AppError";
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }

  get status(): number {
    return APP_ERROR_STATUS[this.code];
  }

  toTRPCError(): TRPCError {
    return new TRPCError({ code: TRPC_CODE[this.status] ?? "INTERNAL_SERVER_ERROR", message: this.message, cause: this });
  }
}

/** The app code for any error that reaches a transport (unknown errors become INTERNAL). */
export function appCodeOf(error: TRPCError): AppErrorCode {
  if (error.cause instanceof AppError) return error.cause.code;
  switch (error.code) {
    case "BAD_REQUEST":
    case "PARSE_ERROR":
      return "VALIDATION_ERROR";
    case "UNAUTHORIZED":
      return "UNAUTHORIZED";
    case "FORBIDDEN":
      return "FORBIDDEN";
    case "NOT_FOUND":
      return "NOT_FOUND";
    case "CONFLICT":
      return "CONFLICT";
    case "TOO_MANY_REQUESTS":
      return "RATE_LIMITED";
    case "PAYLOAD_TOO_LARGE":
      return "PAYLOAD_TOO_LARGE";
    default:
      return "INTERNAL";
  }
}

import type { TMessages } from "~/i18n/messages";

interface TErrorData {
  appCode?: string;
  details?: Record<string, unknown>;
}

/** The API's machine-readable code and details of a tRPC client error (undefined for others). */
export function errorData(error: unknown): TErrorData {
  if (error && typeof error === "object" && "data" in error) {
    const data = (error as { data?: TErrorData | null }).data;
    if (data) return data;
  }
  return {};
}

/** A friendly, translated sentence for a failed hold (or the cart creation before it). */
export function holdErrorMessage(error: unknown, m: TMessages, count: (value: number) => string): string {
  const { appCode, details } = errorData(error);
  switch (appCode) {
    case "SOLD_OUT":
      return m.event.errorSoldOut;
    case "SEAT_TAKEN":
      return m.event.errorSeatTaken;
    case "LIMIT_EXCEEDED":
      return typeof details?.limit === "number" ? m.event.errorLimit(count(details.limit)) : m.event.errorLimitType;
    case "RATE_LIMITED":
      return m.event.errorRateLimited(count(typeof details?.retryAfterSeconds === "number" ? details.retryAfterSeconds : 10));
    case "QUEUE_REQUIRED":
      return m.event.errorQueueRequired;
    case "ADMISSION_INVALID":
      return m.event.errorAdmission;
    case "CONFLICT":
    case "NOT_FOUND":
      return m.event.errorNotOnSale;
    default:
      return m.event.errorGeneric;
  }
}

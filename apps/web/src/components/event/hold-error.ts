import { appErrorOf, refusedOriginMessage } from "@marquee/ui/trpc/app-error";
import type { TMessages } from "~/i18n/messages/index.ts";

/** A friendly, translated sentence for a failed hold (or the cart creation before it). */
export function holdErrorMessage(error: unknown, m: TMessages): string {
  const { code, details } = appErrorOf(error);
  switch (code) {
    case "SOLD_OUT":
      return m.event.errorSoldOut;
    case "SEAT_TAKEN":
      return m.event.errorSeatTaken;
    case "LIMIT_EXCEEDED":
      return typeof details?.limit === "number" ? m.event.errorLimit(details.limit) : m.event.errorLimitType;
    case "RATE_LIMITED":
      return m.event.errorRateLimited(typeof details?.retryAfterSeconds === "number" ? details.retryAfterSeconds : 10);
    case "QUEUE_REQUIRED":
      return m.event.errorQueueRequired;
    case "ADMISSION_INVALID":
      return m.event.errorAdmission;
    case "CONFLICT":
    case "NOT_FOUND":
      return m.event.errorNotOnSale;
    case "CSRF_REJECTED":
      // The API names the address to open instead (e.g. 127.0.0.1 where localhost is configured).
      return refusedOriginMessage(error) ?? m.event.errorGeneric;
    default:
      return m.event.errorGeneric;
  }
}

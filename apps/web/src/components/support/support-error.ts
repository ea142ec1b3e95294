import { appErrorOf, refusedOriginMessage } from "@marquee/ui/trpc/app-error";
import type { TSupportMessages } from "~/i18n/messages/support.ts";

/** A friendly, translated message for a failed support call (by the API's AppError code). */
export function supportErrorMessage(error: unknown, m: TSupportMessages, notFound = m.errorNotFound): string {
  switch (appErrorOf(error).code) {
    case "RATE_LIMITED":
      return m.errorRateLimited;
    case "NOT_FOUND":
      return notFound;
    case "VALIDATION_ERROR":
      return m.errorValidation;
    case "CSRF_REJECTED":
      return refusedOriginMessage(error) ?? m.errorGeneric;
    default:
      return m.errorGeneric;
  }
}

import type { TSupportMessages } from "~/i18n/messages/support";

/** A friendly, translated message for a failed support call (by the API's AppError code). */
export function supportErrorMessage(error: { data?: { appCode?: string } | null } | null, m: TSupportMessages, notFound = m.errorNotFound): string {
  switch (error?.data?.appCode) {
    case "RATE_LIMITED":
      return m.errorRateLimited;
    case "NOT_FOUND":
      return notFound;
    case "VALIDATION_ERROR":
      return m.errorValidation;
    default:
      return m.errorGeneric;
  }
}

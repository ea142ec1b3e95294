import { appErrorOf } from "@marquee/ui/trpc/app-error";
import type { TMessages } from "~/i18n/messages/index.ts";

/** The buyer's sentence for a refused self-service request, by its machine-readable code. */
export function ticketErrorText(m: TMessages, error: unknown): string {
  const { code, trpcCode } = appErrorOf(error);
  const errors = m.tickets.errors;
  if (code && code in errors) return errors[code as keyof typeof errors];
  return trpcCode === "BAD_REQUEST" ? errors.VALIDATION_ERROR : errors.generic;
}

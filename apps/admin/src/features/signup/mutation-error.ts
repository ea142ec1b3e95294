import { appErrorOf, refusedOriginMessage } from "@marquee/ui/trpc/app-error";

/** A failed form submission in words: the field issues, the API's sentence for known refusals, or a generic line. */
export function mutationErrorMessage(error: unknown): string {
  const info = appErrorOf(error);
  const origin = refusedOriginMessage(error);
  if (origin) return origin;
  if (info.issues.length) return info.issues.map((issue) => `${issue.path || "Input"}: ${issue.message}`).join(" ");
  if (info.code && error instanceof Error && error.message) return error.message;
  return "We could not reach the server. Check your connection and try again.";
}

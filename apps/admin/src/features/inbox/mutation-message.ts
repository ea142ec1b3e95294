import { appErrorOf } from "@marquee/ui/trpc/app-error";

/** A failed change in words: zod's field messages when the input was refused, else the API's sentence. */
export function mutationMessage(error: { message: string }): string {
  const { issues } = appErrorOf(error);
  if (issues.length > 0) return issues.map((issue) => issue.message).join(" ");
  return error.message;
}

import type { TLocale } from "../locale.ts";
import { messagesFor } from "../messages/index.ts";

/**
 * The printed description of a credit note's free-amount line: "credit" gives goodwill money back,
 * "offset" takes goodwill money already refunded off a later ticket credit.
 */
export const goodwillLineDescription = (locale: TLocale, kind: "credit" | "offset"): string =>
  kind === "credit" ? messagesFor(locale).invoice.goodwillCredit : messagesFor(locale).invoice.goodwillOffset;

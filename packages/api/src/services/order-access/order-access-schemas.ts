import { DEFAULT_LOCALE, SUPPORTED_LOCALES } from "@marquee/documents/locale";
import { z } from "zod";

export const ZRequestOrderLinkInput = z.object({
  email: z.email().max(254),
  /** The order reference from the confirmation, e.g. "MQ-7KX2-4PD9" (any case, spaces around ignored). */
  reference: z.string().trim().min(3).max(40),
  locale: z.enum(SUPPORTED_LOCALES).default(DEFAULT_LOCALE),
});
export type TRequestOrderLinkInput = z.input<typeof ZRequestOrderLinkInput>;

/** Always the same answer: whether an order matched is never told. */
export const ZRequestOrderLinkOutput = z.object({ requested: z.literal(true) });
export type TRequestOrderLinkOutput = z.infer<typeof ZRequestOrderLinkOutput>;

import { DEFAULT_LOCALE, SUPPORTED_LOCALES } from "@marquee/documents/locale";
import { z } from "zod";
import { ZNewPassword } from "../account/password-reset-token.ts";

/** Sign-up confirmation links work this long, once. */
export const ORGANIZER_CONFIRMATION_TTL_HOURS = 48;

/** A link token as the page reads it from the fragment: 32 random bytes, base64url. */
export const ZLinkToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, "not a link token");

export const ZOrganizerSignUpInput = z.object({
  name: z.string().trim().min(1).max(120),
  email: z
    .email()
    .max(320)
    .transform((email) => email.toLowerCase()),
  password: ZNewPassword,
  organizationName: z.string().trim().min(2).max(120),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, "a two-letter country code")
    .default("DE"),
  currency: z.enum(["EUR", "GBP", "USD", "CHF"]).default("EUR"),
  locale: z.enum(SUPPORTED_LOCALES).default(DEFAULT_LOCALE),
});
export type TOrganizerSignUpInput = z.infer<typeof ZOrganizerSignUpInput>;

export const ZConfirmOrganizerEmailInput = z.object({ token: ZLinkToken, password: z.string().min(1).max(200) });
export type TConfirmOrganizerEmailInput = z.infer<typeof ZConfirmOrganizerEmailInput>;
export const ZConfirmOrganizerEmailOutput = z.object({ email: z.string() });

import type { TAccountMessages } from "~/i18n/messages/account.ts";

/**
 * next-auth's error codes (from `?error=` or signIn()'s result) to the buyer's words. Errors our
 * callbacks throw arrive as "Error: <code>". Unknown codes, also ones typed into the URL, are generic.
 */
export function authErrorMessage(raw: string, m: TAccountMessages): string {
  const code = raw.replace(/^Error:\s*/, "");
  switch (code) {
    case "CredentialsSignin":
      return m.errorCredentials;
    case "RATE_LIMITED":
      return m.errorSignInRateLimited;
    case "EMAIL_UNVERIFIED":
      return m.errorEmailUnverified;
    case "EmailRateLimited":
      return m.errorLinkRateLimited;
    case "Verification":
      return m.errorLinkInvalid;
    case "AccessDenied":
    case "NO_ACCESS":
      return m.errorAccessDenied;
    case "EmailSignin":
      return m.errorEmailInvalid;
    case "SessionRequired":
      return m.errorSessionRequired;
    default:
      return m.errorGeneric;
  }
}

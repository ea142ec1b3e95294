// next-auth reports a failed credentials sign-in as an error code: `CredentialsSignin` when
// authorize() returned null (unknown e-mail or wrong password), otherwise the message our
// authorize() threw (RATE_LIMITED, EMAIL_UNVERIFIED, NO_ACCESS, the console's TWO_FACTOR_*). Pages it redirects to get `?error=<code>`.
const MESSAGES: Readonly<Record<string, string>> = {
  CredentialsSignin: "That e-mail address and password do not match an account. Check both and try again.",
  RATE_LIMITED: "Too many failed sign-ins from this connection. Please wait 15 minutes and try again.",
  EMAIL_UNVERIFIED: "This e-mail address is not confirmed yet. Open the confirmation link we e-mailed you, then sign in.",
  SessionRequired: "Please sign in to continue.",
  TWO_FACTOR_REQUIRED: "Enter the 6-digit code from your authenticator app, or one of your recovery codes.",
  TWO_FACTOR_INVALID: "That code is not right or was used already. Wait for the next code and try again.",
  TWO_FACTOR_RATE_LIMITED: "Too many wrong codes. Please wait 15 minutes and try again.",
};

/** Used where an app does not say who may sign in to it. */
export const DEFAULT_NO_ACCESS_MESSAGE = "This account cannot sign in here.";
const FALLBACK = "Signing in failed. Please try again.";

/**
 * The text for a sign-in error code. `NO_ACCESS` differs per app (each says who may sign in);
 * unknown codes, including ones typed into the URL, get a generic message.
 */
export function signInErrorMessage(code: string, noAccessMessage: string = DEFAULT_NO_ACCESS_MESSAGE): string {
  if (code === "NO_ACCESS") return noAccessMessage;
  // Own keys only: `?error=constructor` must not find Object.prototype's.
  return Object.hasOwn(MESSAGES, code) ? MESSAGES[code]! : FALLBACK;
}

import { decode, type JWT, type JWTDecodeParams } from "next-auth/jwt";

/** The three Next apps; each issues sessions for itself and accepts only its own. */
export type AppName = "web" | "admin" | "checkin";

/**
 * Decodes a session JWT and keeps it only if this app issued it. The apps share AUTH_SECRET, so
 * the signature alone cannot tell a shop cookie from a console cookie renamed; the `app` claim
 * (set at sign-in) can. A token without the claim is refused as well.
 */
export async function decodeAppSessionToken(params: JWTDecodeParams, app: AppName): Promise<JWT | null> {
  const token = await decode(params).catch(() => null);
  return token?.app === app ? token : null;
}

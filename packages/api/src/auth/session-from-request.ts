import type { Db } from "@marquee/db";
import { type SessionUser, loadSessionUser } from "../session.ts";
import { type AppName, decodeAppSessionToken } from "./app-session-token.ts";

function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const index = part.indexOf("=");
    if (index > 0 && part.slice(0, index).trim() === name) return decodeURIComponent(part.slice(index + 1).trim());
  }
  return null;
}

/**
 * Decodes the app's session cookie and re-checks it against the database (see session.ts). A
 * token issued by another app (its `app` claim) is no session here.
 */
export async function sessionFromRequest(deps: { db: Db; secret: string; cookieName: string; app: AppName }, headers: Headers): Promise<SessionUser | null> {
  const token = readCookie(headers.get("cookie"), deps.cookieName);
  if (!token) return null;
  const claims = await decodeAppSessionToken({ token, secret: deps.secret }, deps.app);
  if (!claims?.sub) return null;
  return loadSessionUser(deps.db, { sub: claims.sub, sessionVersion: Number(claims.sessionVersion ?? -1) });
}

import type { AppName } from "@marquee/api/auth/options";
import { getNextServerSession } from "@marquee/api/http/next-server-session";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";

/**
 * The signed-in user of this request for the app's own session cookie, re-checked against the
 * database: one read per request, however many layouts, pages and components ask.
 */
export const getSessionUser = cache(async (app: AppName) => getNextServerSession(app, await headers()));

/**
 * Gate for pages that need a signed-in user, run on the server: no valid session (signed out,
 * expired, disabled, session version moved on) means the sign-in page. The procedures check
 * again on every call, so this is never the only check.
 */
export async function requireSessionUser(app: AppName) {
  const user = await getSessionUser(app);
  if (!user) redirect("/signin");
  return user;
}

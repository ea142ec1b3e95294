import { AppError } from "../errors.ts";
import { type Capability, requireCapability } from "../permissions.ts";
import type { SessionUser } from "../session.ts";

/**
 * The checks of the console's own route handlers (downloads, uploads), the same as
 * organizationProcedure's: same-origin only (a cross-site page cannot make the console act),
 * signed in, and a member of the organisation whose role has the capability (`requireCapability`:
 * the organisation's two-factor policy included).
 */
export function authorizeConsoleRoute(req: Request, session: SessionUser | null, organizationId: string, capability: Capability): SessionUser {
  const site = req.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") throw new AppError("CSRF_REJECTED", "Only the console itself may call this.");
  if (!session) throw new AppError("UNAUTHORIZED", "Please sign in.");
  requireCapability(session, organizationId, capability);
  return session;
}

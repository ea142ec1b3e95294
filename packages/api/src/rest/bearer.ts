import { systemClock } from "../clock.ts";
import { AppError } from "../errors.ts";
import { UNKNOWN_CLIENT_IP } from "../http/client-ip.ts";
import { configuredRateLimits } from "../rate-limit/limits.ts";
import { consumeRateLimit } from "../rate-limit/rate-limited.ts";
import { authenticateApiToken, recordApiTokenUse } from "../services/api-token/authenticate-api-token.ts";
import type { SessionUser } from "../session.ts";
import type { RestDeps, RestRequest } from "./handler.ts";
import type { RestOperation } from "./registry.ts";

// Organiser REST: `Authorization: Bearer mq_org_...` and nothing else. Cookies are never read, so
// a console session cannot be borrowed by a page that sends requests to /api/v1, and a bearer
// header is not a CSRF vector (no browser attaches it on its own).

/**
 * The session of the request's organisation API token, or UNAUTHORIZED. Rate limited per client
 * IP before the token is looked up (guessing costs requests), then per token.
 */
export async function authenticateBearer(req: RestRequest, deps: RestDeps): Promise<SessionUser> {
  const { perIp, perToken } = configuredRateLimits("api-token");
  const ip = req.ip ?? UNKNOWN_CLIENT_IP;
  const limitDeps = { redis: deps.redis, redisPrefix: deps.redisPrefix, request: { ip, cartToken: null } };
  await consumeRateLimit(limitDeps, "api-token", { perIp });
  const session = await authenticateApiToken({ db: deps.db, clock: systemClock }, req.headers.get("authorization"));
  await consumeRateLimit({ ...limitDeps, apiTokenId: session.apiToken?.id ?? null }, "api-token", { perToken });
  return session;
}

/**
 * The procedure input with the token's organisation: filled in when absent, and a different one
 * is FORBIDDEN (a token acts in its own organisation only).
 */
export function organiserInput(input: unknown, session: SessionUser): Record<string, unknown> {
  const organizationId = session.memberships[0]!.organizationId;
  const fields = input && typeof input === "object" && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
  if (fields.organizationId !== undefined && fields.organizationId !== organizationId) {
    throw new AppError("FORBIDDEN", "This API token belongs to another organisation.");
  }
  return { ...fields, organizationId };
}

/** The use of a token, after its answer (lastUsedAt and the bounded audit trail); never fails the request. */
export async function recordBearerUse(deps: RestDeps, session: SessionUser, op: RestOperation, req: RestRequest, status: number): Promise<void> {
  try {
    await recordApiTokenUse({ db: deps.db, redis: deps.redis, redisPrefix: deps.redisPrefix, clock: systemClock }, session, {
      operationId: op.operation.operationId,
      method: req.method,
      status,
      ip: req.ip,
    });
  } catch (error) {
    console.error("Recording an API token's use failed:", error);
  }
}

import type { Db } from "@marquee/db";
import type { RedisClient } from "../../lib/redis-client.ts";
import type { Clock } from "../../clock.ts";
import { AppError } from "../../errors.ts";
import { roleCan } from "../../permissions.ts";
import type { SessionUser } from "../../session.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { apiTokenDigest, digestsEqual, looksLikeApiToken } from "./token-secret.ts";

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

const refuse = (reason: string, message: string) => new AppError("UNAUTHORIZED", message, { reason });

/**
 * The session an `Authorization: Bearer mq_org_...` header stands for: the token's creator as the
 * acting user, with exactly one membership (the token's organisation, the token's role) and
 * `apiToken` set, so organizationProcedure checks capabilities unchanged. Anything else is
 * UNAUTHORIZED at once: no header, not a bearer token, unknown, revoked, expired, or a creator who
 * can no longer manage the organisation (left, demoted below admin, disabled, deleted), so a
 * token never outlives the power that made it.
 */
export async function authenticateApiToken(deps: { db: Db; clock: Clock }, authorization: string | null): Promise<SessionUser> {
  if (!authorization) throw refuse("missing", "This operation needs Authorization: Bearer <organisation API token>.");
  const token = BEARER.exec(authorization)?.[1];
  if (!token || !looksLikeApiToken(token)) throw refuse("malformed", "The Authorization header is not a Marquee organisation API token (Bearer mq_org_...).");
  const digest = apiTokenDigest(token);
  const row = await deps.db.apiToken.findUnique({
    where: { tokenHash: digest },
    include: {
      organization: { select: { id: true, name: true } },
      createdBy: {
        select: { id: true, email: true, name: true, platformRole: true, disabledAt: true, memberships: { select: { organizationId: true, role: true } } },
      },
    },
  });
  // The lookup is by digest; comparing the digests again in constant time keeps the check itself free of timing signals.
  if (!row || !digestsEqual(row.tokenHash, digest)) throw refuse("unknown", "This API token is not valid.");
  if (row.revokedAt) throw refuse("revoked", "This API token has been revoked.");
  if (row.expiresAt && row.expiresAt.getTime() <= deps.clock.now().getTime()) throw refuse("expired", "This API token has expired.");
  const creator = row.createdBy;
  const creatorRole = creator?.memberships.find((m) => m.organizationId === row.organizationId)?.role;
  if (!creator || creator.disabledAt || !creatorRole || !roleCan(creatorRole, "organization.manage")) {
    throw refuse("creator-gone", "The person who created this API token can no longer manage the organisation; create a new token.");
  }
  return {
    id: creator.id,
    email: creator.email,
    name: creator.name,
    // A token never carries platform powers, whoever created it.
    platformRole: "USER",
    memberships: [{ organizationId: row.organization.id, organizationName: row.organization.name, role: row.role }],
    apiToken: { id: row.id, name: row.name },
  };
}

export interface ApiTokenUse {
  operationId: string;
  method: string;
  status: number;
  ip: string | null;
}

/**
 * Marks a token as used and audits the use, bounded: every write call (POST/PUT/PATCH/DELETE) and
 * the first call of each hour per token (a Redis marker), so a polling script adds at most 24
 * entries a day. lastUsedAt moves at most once a minute.
 */
export async function recordApiTokenUse(deps: { db: Db; redis: RedisClient; redisPrefix: string; clock: Clock }, session: SessionUser, use: ApiTokenUse) {
  const token = session.apiToken;
  const organizationId = session.memberships[0]?.organizationId;
  if (!token || !organizationId) return;
  const now = deps.clock.now();
  await deps.db.apiToken.updateMany({
    where: { id: token.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now.getTime() - 60_000) } }] },
    data: { lastUsedAt: now },
  });
  const write = use.method !== "GET" && use.method !== "HEAD";
  let firstThisHour = false;
  try {
    firstThisHour = (await deps.redis.set(`${deps.redisPrefix}:api-token:used:${token.id}`, "1", "EX", 3600, "NX")) === "OK";
  } catch (error) {
    // Without Redis every read would be audited; better one entry too many than none.
    console.warn("api token use marker: RedisClient unavailable:", (error as Error).message);
    firstThisHour = true;
  }
  if (!write && !firstThisHour) return;
  await deps.db.$transaction((tx) =>
    recordAudit(tx, {
      organizationId,
      actor: { kind: "api-token", userId: null, credentialId: token.id, ip: use.ip },
      action: "api-token.use",
      targetType: "api-token",
      targetId: token.id,
      data: { name: token.name, operationId: use.operationId, method: use.method, status: use.status, reason: write ? "write" : "first-this-hour" },
    }),
  );
}

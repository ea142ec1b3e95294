import type { Db, Prisma } from "@marquee/db";
import type { Clock } from "../../clock.ts";
import type { Context } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { auditActorOf, recordAudit } from "../audit/record-audit.ts";
import type { TApiTokenOutput, TCreateApiTokenInput } from "./api-token-schemas.ts";
import { apiTokenDigest, apiTokenDisplayPrefix, generateApiTokenSecret } from "./token-secret.ts";

type Deps = Pick<Context, "db" | "clock" | "session" | "request">;

/** Active (unrevoked) tokens one organisation may hold: a bound, not a business rule. */
export const MAX_ACTIVE_API_TOKENS = 50;
const MAX_LIFETIME_MS = 2 * 366 * 24 * 60 * 60 * 1000;

const tokenSelect = {
  id: true,
  name: true,
  role: true,
  prefix: true,
  createdAt: true,
  expiresAt: true,
  lastUsedAt: true,
  revokedAt: true,
  createdBy: { select: { id: true, name: true, email: true } },
} satisfies Prisma.ApiTokenSelect;

type TokenRow = Prisma.ApiTokenGetPayload<{ select: typeof tokenSelect }>;
const toOutput = (row: TokenRow): TApiTokenOutput => ({ ...row, role: row.role as TApiTokenOutput["role"] });

/** The organisation's tokens, newest first (never their secrets); revoked ones only when asked. */
export async function listApiTokens(deps: { db: Db }, organizationId: string, options: { includeRevoked: boolean }): Promise<TApiTokenOutput[]> {
  const rows = await deps.db.apiToken.findMany({
    where: { organizationId, ...(options.includeRevoked ? {} : { revokedAt: null }) },
    orderBy: { createdAt: "desc" },
    take: 200,
    select: tokenSelect,
  });
  return rows.map(toOutput);
}

/** A new token for the organisation. The secret is in the answer once and nowhere else. */
export async function createApiToken(
  deps: Deps,
  organizationId: string,
  input: TCreateApiTokenInput & { createdById: string | null },
): Promise<{ token: string; apiToken: TApiTokenOutput }> {
  const now = deps.clock.now();
  if (input.expiresAt && input.expiresAt.getTime() <= now.getTime()) throw new AppError("VALIDATION_ERROR", "The expiry must be in the future.");
  if (input.expiresAt && input.expiresAt.getTime() - now.getTime() > MAX_LIFETIME_MS) {
    throw new AppError("VALIDATION_ERROR", "A token lives at most two years.");
  }
  const token = generateApiTokenSecret();
  const apiToken = await deps.db.$transaction(async (tx) => {
    // Serialise creations per organisation so the cap holds under concurrency.
    await tx.$queryRaw`SELECT id FROM "Organization" WHERE id = ${organizationId}::uuid FOR UPDATE`;
    const active = await tx.apiToken.count({ where: { organizationId, revokedAt: null } });
    if (active >= MAX_ACTIVE_API_TOKENS)
      throw new AppError("LIMIT_EXCEEDED", `An organisation holds at most ${MAX_ACTIVE_API_TOKENS} active tokens; revoke one first.`);
    const row = await tx.apiToken.create({
      data: {
        organizationId,
        name: input.name,
        role: input.role,
        tokenHash: apiTokenDigest(token),
        prefix: apiTokenDisplayPrefix(token),
        createdById: input.createdById,
        expiresAt: input.expiresAt ?? null,
      },
      select: tokenSelect,
    });
    await recordAudit(tx, {
      organizationId,
      actor: auditActorOf(deps),
      action: "api-token.create",
      targetType: "api-token",
      targetId: row.id,
      data: { name: row.name, role: row.role, prefix: row.prefix, expiresAt: row.expiresAt?.toISOString() ?? null },
    });
    return row;
  });
  return { token, apiToken: toOutput(apiToken) };
}

/** Revokes a token of this organisation at once (another organisation's id is NOT_FOUND). Revoking twice is a no-op. */
export async function revokeApiToken(deps: Deps & { clock: Clock }, organizationId: string, tokenId: string): Promise<TApiTokenOutput> {
  return deps.db.$transaction(async (tx) => {
    const found = await tx.apiToken.findFirst({ where: { id: tokenId, organizationId }, select: { id: true, revokedAt: true } });
    if (!found) throw new AppError("NOT_FOUND", "No such API token.");
    if (found.revokedAt) return toOutput(await tx.apiToken.findUniqueOrThrow({ where: { id: tokenId }, select: tokenSelect }));
    const row = await tx.apiToken.update({ where: { id: tokenId }, data: { revokedAt: deps.clock.now() }, select: tokenSelect });
    await recordAudit(tx, {
      organizationId,
      actor: auditActorOf(deps),
      action: "api-token.revoke",
      targetType: "api-token",
      targetId: row.id,
      data: { name: row.name, prefix: row.prefix },
    });
    return toOutput(row);
  });
}

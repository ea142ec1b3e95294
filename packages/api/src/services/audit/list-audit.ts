import type { Db, Prisma } from "@marquee/db";
import { z } from "zod";
import { AppError } from "../../errors.ts";

export const ZListAuditInput = z.object({
  /** "api-token" matches "api-token.create", "api-token.use", ...; "event.publish" matches itself. */
  actionPrefix: z.string().trim().max(64).optional(),
  /** A user id, or an API token id (entries that token made). */
  actorId: z.uuid().optional(),
  targetType: z.string().trim().max(64).optional(),
  targetId: z.string().trim().max(128).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  /** The `nextCursor` of the previous page. */
  cursor: z
    .string()
    .regex(/^\d{1,19}$/)
    .optional(),
  limit: z.number().int().min(1).max(100).default(50),
});
export type TListAuditInput = z.infer<typeof ZListAuditInput>;

export const ZAuditEntryOutput = z.object({
  id: z.string(),
  createdAt: z.date(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string(),
  ip: z.string().nullable(),
  actor: z.object({
    kind: z.string(),
    user: z.object({ id: z.string(), name: z.string().nullable(), email: z.string() }).nullable(),
    apiToken: z.object({ id: z.string(), name: z.string() }).nullable(),
  }),
  data: z.unknown(),
});
export const ZListAuditOutput = z.object({ entries: z.array(ZAuditEntryOutput), nextCursor: z.string().nullable() });
export type TListAuditOutput = z.infer<typeof ZListAuditOutput>;

const credentialIdOf = (data: Prisma.JsonValue): string | null => {
  const value = data && typeof data === "object" && !Array.isArray(data) ? data.credentialId : null;
  return typeof value === "string" ? value : null;
};

/** One page of the organisation's audit log, newest first, filtered; at most 100 entries a page. */
export async function listAudit(deps: { db: Db }, organizationId: string, input: TListAuditInput): Promise<TListAuditOutput> {
  if (input.from && input.to && input.from > input.to) throw new AppError("VALIDATION_ERROR", "The date range ends before it starts.");
  const where: Prisma.AuditLogWhereInput = {
    organizationId,
    ...(input.actionPrefix ? { action: { startsWith: input.actionPrefix } } : {}),
    ...(input.actorId ? { OR: [{ actorId: input.actorId }, { data: { path: ["credentialId"], equals: input.actorId } }] } : {}),
    ...(input.targetType ? { targetType: input.targetType } : {}),
    ...(input.targetId ? { targetId: input.targetId } : {}),
    ...(input.from || input.to ? { createdAt: { ...(input.from ? { gte: input.from } : {}), ...(input.to ? { lte: input.to } : {}) } } : {}),
    ...(input.cursor ? { id: { lt: BigInt(input.cursor) } } : {}),
  };
  const rows = await deps.db.auditLog.findMany({
    where,
    orderBy: { id: "desc" },
    take: input.limit + 1,
    include: { actor: { select: { id: true, name: true, email: true } } },
  });
  const page = rows.slice(0, input.limit);
  const tokenIds = [...new Set(page.map((row) => credentialIdOf(row.data)).filter((id): id is string => id !== null && z.uuid().safeParse(id).success))];
  const tokens = tokenIds.length ? await deps.db.apiToken.findMany({ where: { organizationId, id: { in: tokenIds } }, select: { id: true, name: true } }) : [];
  const tokenById = new Map(tokens.map((token) => [token.id, token]));
  return {
    entries: page.map((row) => {
      const credentialId = credentialIdOf(row.data);
      return {
        id: row.id.toString(),
        createdAt: row.createdAt,
        action: row.action,
        targetType: row.targetType,
        targetId: row.targetId,
        ip: row.ip,
        actor: {
          kind: row.actorKind,
          user: row.actor,
          apiToken: row.actorKind === "api-token" && credentialId ? (tokenById.get(credentialId) ?? { id: credentialId, name: "(deleted token)" }) : null,
        },
        data: row.data,
      };
    }),
    nextCursor: rows.length > input.limit ? page[page.length - 1]!.id.toString() : null,
  };
}

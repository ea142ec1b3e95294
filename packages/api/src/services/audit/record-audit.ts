import type { Prisma } from "@marquee/db";
import type { Context } from "../../context.ts";

type Tx = Prisma.TransactionClient;

/** Who did it: a console user, an organisation's API token, a door device, the system, a guest. */
export interface TAuditActor {
  kind: "user" | "api-token" | "device" | "system" | "guest";
  /** The user behind it (null for the system, guests, and tokens whose creator left). */
  userId: string | null;
  /** The API token or device id when one acted. */
  credentialId?: string | null;
  ip: string | null;
}

/** The actor of a request: its session's user, or the API token it authenticated with. */
export function auditActorOf(ctx: Pick<Context, "session" | "request">): TAuditActor {
  const session = ctx.session;
  if (session?.apiToken) return { kind: "api-token", userId: null, credentialId: session.apiToken.id, ip: ctx.request.ip };
  if (session) return { kind: "user", userId: session.id, ip: ctx.request.ip };
  return { kind: "guest", userId: null, ip: ctx.request.ip };
}

export interface TAuditEntry {
  organizationId: string | null;
  actor: TAuditActor;
  /** `<area>.<verb>`, e.g. "event.publish", "refund.create", "team.role-change", "export.attendees". */
  action: string;
  targetType: string;
  targetId: string;
  /** What changed (before/after for edits), never secrets or whole documents. */
  data?: Prisma.InputJsonValue;
}

/**
 * Appends one entry to the audit log, inside the caller's transaction so the entry exists exactly
 * when the change does. The log is append-only: nothing in the code updates or deletes entries
 * (the database refuses it too, see the audit_log_append_only trigger).
 */
export async function recordAudit(tx: Tx, entry: TAuditEntry): Promise<void> {
  const { actor } = entry;
  await tx.auditLog.create({
    data: {
      organizationId: entry.organizationId,
      actorId: actor.userId,
      actorKind: actor.kind,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      data: actor.credentialId ? { ...(isObject(entry.data) ? entry.data : { value: entry.data ?? null }), credentialId: actor.credentialId } : entry.data,
      ip: actor.ip,
    },
  });
}

const isObject = (value: unknown): value is Record<string, Prisma.InputJsonValue> => typeof value === "object" && value !== null && !Array.isArray(value);

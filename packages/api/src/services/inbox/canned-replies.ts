import { Prisma, type Db } from "@marquee/db";
import type { z } from "zod";
import { AppError } from "../../errors.ts";
import { recordAudit, type TAuditActor } from "../audit/record-audit.ts";
import type { ZCannedReplySave } from "./inbox-schemas.ts";
import { CANNED_REPLIES_MAX } from "./inbox-tools-schemas.ts";

// Canned replies: an organisation's library of answers with short codes (`/refund-policy`). Any
// agent may curate it (support.answer), as in the help desks agents know; every change is audited.

const SELECT = { id: true, shortcut: true, title: true, body: true, updatedAt: true } as const;

const shortcutTaken = (shortcut: string) =>
  new AppError("CONFLICT", `The shortcut /${shortcut} is already used by another canned reply.`, { field: "shortcut", reason: "SHORTCUT_TAKEN" });

/** The organisation's canned replies by shortcut, optionally those whose shortcut or title contains `q`; at most 200. */
export function listCannedReplies(db: Db, organizationId: string, input: { q?: string }) {
  const q = input.q?.replace(/^\//, "");
  return db.cannedReply.findMany({
    where: {
      organizationId,
      ...(q ? { OR: [{ shortcut: { contains: q, mode: "insensitive" as const } }, { title: { contains: q, mode: "insensitive" as const } }] } : {}),
    },
    orderBy: { shortcut: "asc" },
    take: CANNED_REPLIES_MAX,
    select: SELECT,
  });
}

/** Creates (no id) or updates one; the shortcut is unique per organisation (CONFLICT, field shortcut). */
export async function saveCannedReply(db: Db, input: z.infer<typeof ZCannedReplySave> & { organizationId: string; actor: TAuditActor }) {
  const { organizationId, actor, id, ...fields } = input;
  try {
    return await db.$transaction(async (tx) => {
      if (id) {
        const before = await tx.cannedReply.findFirst({ where: { id, organizationId }, select: SELECT });
        if (!before) throw new AppError("NOT_FOUND", "Canned reply not found.");
        const clash = await tx.cannedReply.findFirst({
          where: { organizationId, shortcut: fields.shortcut, ...(id ? { id: { not: id } } : {}) },
          select: { id: true },
        });
        if (clash) throw shortcutTaken(fields.shortcut);
        const saved = await tx.cannedReply.update({ where: { id }, data: fields, select: SELECT });
        await recordAudit(tx, {
          organizationId,
          actor,
          action: "canned-reply.update",
          targetType: "canned-reply",
          targetId: id,
          data: { before: { shortcut: before.shortcut, title: before.title }, after: { shortcut: saved.shortcut, title: saved.title } },
        });
        return saved;
      }
      const clash = await tx.cannedReply.findFirst({
        where: { organizationId, shortcut: fields.shortcut, ...(id ? { id: { not: id } } : {}) },
        select: { id: true },
      });
      if (clash) throw shortcutTaken(fields.shortcut);
      const count = await tx.cannedReply.count({ where: { organizationId } });
      if (count >= CANNED_REPLIES_MAX)
        throw new AppError("LIMIT_EXCEEDED", `An organisation keeps at most ${CANNED_REPLIES_MAX} canned replies.`, { max: CANNED_REPLIES_MAX });
      const saved = await tx.cannedReply.create({ data: { ...fields, organizationId, createdById: actor.userId }, select: SELECT });
      await recordAudit(tx, {
        organizationId,
        actor,
        action: "canned-reply.create",
        targetType: "canned-reply",
        targetId: saved.id,
        data: { shortcut: saved.shortcut, title: saved.title },
      });
      return saved;
    });
  } catch (error) {
    // Two agents saving the same shortcut at once: the unique index decides.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw shortcutTaken(fields.shortcut);
    throw error;
  }
}

/** Deletes one of the organisation's canned replies (NOT_FOUND for another organisation's). */
export async function deleteCannedReply(db: Db, input: { organizationId: string; id: string; actor: TAuditActor }): Promise<{ id: string }> {
  return db.$transaction(async (tx) => {
    const reply = await tx.cannedReply.findFirst({ where: { id: input.id, organizationId: input.organizationId }, select: SELECT });
    if (!reply) throw new AppError("NOT_FOUND", "Canned reply not found.");
    await tx.cannedReply.delete({ where: { id: reply.id } });
    await recordAudit(tx, {
      organizationId: input.organizationId,
      actor: input.actor,
      action: "canned-reply.delete",
      targetType: "canned-reply",
      targetId: reply.id,
      data: { shortcut: reply.shortcut, title: reply.title },
    });
    return { id: reply.id };
  });
}

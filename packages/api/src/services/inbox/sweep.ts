import type { Db, Prisma } from "@marquee/db";
import { announceConversationChange } from "../support/support-events.ts";
import { addSystemMessage } from "../support/system-message.ts";

// The inbox's periodic work (run by the booking worker's sweeper, apps/workers): snoozes that ended
// and conversations left pending longer than the organisation's auto-solve. Each conversation is
// changed in its own transaction under a row lock and re-checked there, so two sweepers at once (or
// a buyer writing at that moment) never change it twice: running it again changes nothing.

/** At most this many conversations of each kind per run; the next run takes the rest. */
export const SWEEP_BATCH = 200;

/** Every organisation's due conversations (the worker), or one organisation's (`only`). */
export async function sweepConversations(db: Db, now: Date, only: { organizationId?: string } = {}): Promise<{ woken: number; solved: number }> {
  const organizationId = only.organizationId ?? null;
  const snoozed = await db.supportConversation.findMany({
    where: { status: "SNOOZED", snoozedUntil: { lte: now }, mergedIntoId: null, ...(organizationId ? { organizationId } : {}) },
    orderBy: [{ snoozedUntil: "asc" }, { id: "asc" }],
    take: SWEEP_BATCH,
    select: { id: true },
  });
  let woken = 0;
  for (const { id } of snoozed) if (await wake(db, id, now)) woken += 1;

  const pending = await db.$queryRaw<{ id: string; days: number }[]>`
      SELECT c.id, s."autoSolvePendingDays" AS days FROM "SupportConversation" c
      JOIN "SupportSettings" s ON s."organizationId" = c."organizationId"
      WHERE c.status = 'PENDING' AND c."mergedIntoId" IS NULL AND s."autoSolvePendingDays" IS NOT NULL
        AND c."pendingSince" IS NOT NULL AND c."pendingSince" <= (${now.toISOString()}::timestamptz AT TIME ZONE 'UTC') - make_interval(days => s."autoSolvePendingDays")
        AND (${organizationId}::uuid IS NULL OR c."organizationId" = ${organizationId}::uuid)
      ORDER BY c."pendingSince", c.id LIMIT ${SWEEP_BATCH}`;
  let solved = 0;
  for (const { id, days } of pending) if (await autoSolve(db, id, days, now)) solved += 1;
  return { woken, solved };
}

async function locked(tx: Prisma.TransactionClient, id: string) {
  await tx.$queryRaw`SELECT id FROM "SupportConversation" WHERE id = ${id}::uuid FOR UPDATE`;
  return tx.supportConversation.findUniqueOrThrow({
    where: { id },
    select: { id: true, organizationId: true, status: true, snoozedUntil: true, pendingSince: true, mergedIntoId: true },
  });
}

async function wake(db: Db, id: string, now: Date): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const conversation = await locked(tx, id);
    if (conversation.status !== "SNOOZED" || !conversation.snoozedUntil || conversation.snoozedUntil > now || conversation.mergedIntoId) return false;
    await tx.supportConversation.update({ where: { id }, data: { status: "OPEN", snoozedUntil: null } });
    await addSystemMessage(
      tx,
      {
        conversationId: id,
        organizationId: conversation.organizationId,
        systemEvent: "snooze.ended",
        body: "Snooze ended",
        data: { snoozedUntil: conversation.snoozedUntil.toISOString() },
      },
      now,
    );
    await announceConversationChange(tx, { conversationId: id, organizationId: conversation.organizationId, change: "status" });
    return true;
  });
}

async function autoSolve(db: Db, id: string, days: number, now: Date): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const conversation = await locked(tx, id);
    const due = conversation.pendingSince ? conversation.pendingSince.getTime() + days * 86_400_000 : Infinity;
    if (conversation.status !== "PENDING" || due > now.getTime() || conversation.mergedIntoId) return false;
    await tx.supportConversation.update({ where: { id }, data: { status: "RESOLVED", resolvedAt: now, pendingSince: null } });
    await addSystemMessage(
      tx,
      {
        conversationId: id,
        organizationId: conversation.organizationId,
        systemEvent: "status.changed",
        body: `Solved automatically after ${days} ${days === 1 ? "day" : "days"} waiting for the buyer`,
        data: { from: "PENDING", to: "RESOLVED", automatic: true, autoSolvePendingDays: days },
      },
      now,
    );
    await announceConversationChange(tx, { conversationId: id, organizationId: conversation.organizationId, change: "status" });
    return true;
  });
}

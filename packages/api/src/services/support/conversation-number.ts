import type { Prisma } from "@marquee/db";

/** The first number an organisation's conversations get (#1001), so a number never looks like a count. */
export const FIRST_CONVERSATION_NUMBER = 1001;

/**
 * The organisation's next conversation number (#1042), taken inside the transaction that creates the
 * conversation: one atomic upsert of its counter, so two conversations opened at once never share a
 * number and a rolled-back one only leaves a gap.
 */
export async function nextConversationNumber(tx: Prisma.TransactionClient, organizationId: string): Promise<number> {
  const [row] = await tx.$queryRaw<{ number: number }[]>`
    INSERT INTO "SupportSettings" ("organizationId", "lastConversationNumber", "updatedAt")
    VALUES (${organizationId}::uuid, ${FIRST_CONVERSATION_NUMBER}, now())
    ON CONFLICT ("organizationId") DO UPDATE SET "lastConversationNumber" = "SupportSettings"."lastConversationNumber" + 1, "updatedAt" = now()
    RETURNING "lastConversationNumber" AS number`;
  return row!.number;
}

import type { Prisma } from "@marquee/db";

// The status and SLA rules every way a message enters a conversation shares (the web site, the
// inbox, inbound e-mail), so a conversation's state never depends on the channel it came by.

export interface TSlaTargets {
  firstResponseMinutes: number | null;
  nextResponseMinutes: number | null;
}

/** An organisation without settings yet gets these targets (the SupportSettings defaults). */
export const DEFAULT_SLA_TARGETS: TSlaTargets = { firstResponseMinutes: 240, nextResponseMinutes: 480 };

const addMinutes = (at: Date, minutes: number | null) => (minutes === null ? null : new Date(at.getTime() + minutes * 60_000));

/** The organisation's SLA targets (the defaults until it saves its own). */
export async function slaTargets(tx: Prisma.TransactionClient, organizationId: string): Promise<TSlaTargets> {
  const settings = await tx.supportSettings.findUnique({ where: { organizationId }, select: { firstResponseMinutes: true, nextResponseMinutes: true } });
  return settings ?? DEFAULT_SLA_TARGETS;
}

interface TConversationClock {
  waitingSince: Date | null;
  firstResponseAt: Date | null;
  firstResponseDueAt: Date | null;
  nextResponseDueAt: Date | null;
}

/** What a new conversation's first buyer message sets: open, waiting since now, first reply due. */
export function openedByBuyer(targets: TSlaTargets, now: Date) {
  return {
    status: "OPEN",
    waitingSince: now,
    firstResponseDueAt: addMinutes(now, targets.firstResponseMinutes),
    lastMessageAt: now,
  } satisfies Prisma.SupportConversationUncheckedUpdateInput;
}

/**
 * A buyer wrote again: the conversation is OPEN (a pending, snoozed or solved one reopens), the
 * team owes an answer since the oldest unanswered message, and the next reply falls due (or the
 * first, while nobody has answered yet).
 */
export function buyerWrote(conversation: TConversationClock, targets: TSlaTargets, now: Date) {
  const waitingSince = conversation.waitingSince ?? now;
  const answeredBefore = conversation.firstResponseAt !== null;
  return {
    status: "OPEN",
    snoozedUntil: null,
    resolvedAt: null,
    pendingSince: null,
    waitingSince,
    lastMessageAt: now,
    ...(answeredBefore
      ? { nextResponseDueAt: conversation.nextResponseDueAt ?? addMinutes(waitingSince, targets.nextResponseMinutes) }
      : { firstResponseDueAt: conversation.firstResponseDueAt ?? addMinutes(waitingSince, targets.firstResponseMinutes) }),
  } satisfies Prisma.SupportConversationUncheckedUpdateInput;
}

/** An agent answered the buyer (not an internal note): waiting for the buyer now, nothing owed, first response recorded. */
export function agentAnswered(conversation: TConversationClock, now: Date) {
  return {
    status: "PENDING",
    snoozedUntil: null,
    pendingSince: now,
    waitingSince: null,
    nextResponseDueAt: null,
    firstResponseAt: conversation.firstResponseAt ?? now,
    lastMessageAt: now,
  } satisfies Prisma.SupportConversationUncheckedUpdateInput;
}

/** Loads what the rules above need, inside the transaction that adds the message. */
export const CONVERSATION_CLOCK_SELECT = {
  waitingSince: true,
  firstResponseAt: true,
  firstResponseDueAt: true,
  nextResponseDueAt: true,
} satisfies Prisma.SupportConversationSelect;

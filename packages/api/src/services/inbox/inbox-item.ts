import type { Prisma } from "@marquee/db";
import type { TInboxListItem, TSlaState } from "./inbox-schemas.ts";

// How a conversation row becomes an inbox list item: the SLA badge and the preview, shared by the
// list and the conversation view so both show the same state.

const PREVIEW_LENGTH = 160;

export const INBOX_ITEM_SELECT = {
  id: true,
  number: true,
  subject: true,
  status: true,
  priority: true,
  labels: true,
  channel: true,
  requesterName: true,
  requesterEmail: true,
  createdAt: true,
  lastMessageAt: true,
  waitingSince: true,
  snoozedUntil: true,
  firstResponseAt: true,
  firstResponseDueAt: true,
  nextResponseDueAt: true,
  order: { select: { id: true, reference: true } },
  event: { select: { id: true, name: true, startsAt: true } },
  assignee: { select: { id: true, name: true, email: true } },
} satisfies Prisma.SupportConversationSelect;

export type TInboxItemRow = Prisma.SupportConversationGetPayload<{ select: typeof INBOX_ITEM_SELECT }>;

/**
 * The SLA badge: what the team owes (the first reply until one came, then the next one) while a
 * buyer waits; amber when less than a quarter of the window from waitingSince to the due time is
 * left, red once it passed. A solved conversation owes nothing.
 */
export function slaStateOf(
  row: Pick<TInboxItemRow, "status" | "waitingSince" | "firstResponseAt" | "firstResponseDueAt" | "nextResponseDueAt">,
  now: Date,
): TSlaState {
  if (row.status === "RESOLVED" || row.waitingSince === null) return { kind: null, state: "none", dueAt: null };
  const kind = row.firstResponseAt === null ? "first-response" : "next-response";
  const dueAt = kind === "first-response" ? row.firstResponseDueAt : row.nextResponseDueAt;
  if (dueAt === null) return { kind, state: "none", dueAt: null };
  const left = dueAt.getTime() - now.getTime();
  if (left <= 0) return { kind, state: "breached", dueAt };
  const window = dueAt.getTime() - row.waitingSince.getTime();
  return { kind, state: left * 4 < window ? "warning" : "ok", dueAt };
}

/** A snoozed conversation whose time passed is open again (the sweeper writes it down a little later). */
export const effectiveStatus = (row: Pick<TInboxItemRow, "status" | "snoozedUntil">, now: Date) =>
  row.status === "SNOOZED" && row.snoozedUntil !== null && row.snoozedUntil <= now ? "OPEN" : row.status;

export const previewOf = (body: string | undefined) => {
  const text = (body ?? "").replace(/\s+/g, " ").trim();
  return text.length > PREVIEW_LENGTH ? `${text.slice(0, PREVIEW_LENGTH - 1)}…` : text;
};

export function toInboxItem(row: TInboxItemRow, now: Date, preview: string): TInboxListItem {
  return {
    id: row.id,
    number: row.number,
    subject: row.subject,
    status: effectiveStatus(row, now),
    priority: row.priority,
    labels: row.labels,
    channel: row.channel,
    requesterName: row.requesterName,
    requesterEmail: row.requesterEmail,
    orderReference: row.order?.reference ?? null,
    eventName: row.event?.name ?? null,
    assignee: row.assignee,
    createdAt: row.createdAt,
    lastMessageAt: row.lastMessageAt,
    waitingSince: row.waitingSince,
    snoozedUntil: row.snoozedUntil,
    sla: slaStateOf(row, now),
    preview,
  };
}

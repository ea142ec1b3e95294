import type { TInboxView } from "@marquee/api/services/inbox/inbox-schemas";
import { formatDateTime } from "@marquee/ui/format";
import type { TConversationPriority, TAgentConversationStatus, TSlaState } from "./inbox-types.ts";

// Words and short times for the inbox (help desks say "3 h", not "3 hours ago").

export const VIEW_LABEL: Record<TInboxView, string> = {
  open: "Open",
  pending: "Pending",
  snoozed: "Snoozed",
  solved: "Solved",
  breached: "Breached",
  all: "All",
};

export const VIEW_HINT: Record<TInboxView, string> = {
  open: "waiting for an answer from us",
  pending: "waiting for the buyer",
  snoozed: "back at a set time",
  solved: "done",
  breached: "past the response target",
  all: "every conversation",
};

export const STATUS_LABEL: Record<TAgentConversationStatus, string> = { OPEN: "Open", PENDING: "Pending", SNOOZED: "Snoozed", RESOLVED: "Solved" };

export const PRIORITY_LABEL: Record<TConversationPriority, string> = { LOW: "Low", NORMAL: "Normal", HIGH: "High", URGENT: "Urgent" };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "now", "5 min", "3 h", "2 d", "6 w": how long ago (or, for a future date, how long until). */
export function formatAge(date: Date, now: number = Date.now()): string {
  const elapsed = Math.abs(now - date.getTime());
  if (elapsed < MINUTE) return "now";
  if (elapsed < HOUR) return `${Math.floor(elapsed / MINUTE)} min`;
  if (elapsed < DAY) return `${Math.floor(elapsed / HOUR)} h`;
  if (elapsed < 14 * DAY) return `${Math.floor(elapsed / DAY)} d`;
  return `${Math.floor(elapsed / (7 * DAY))} w`;
}

/** The SLA badge's words and its full sentence (title and accessible name); null when nothing is owed. */
export function slaText(sla: TSlaState, now: number = Date.now()): { short: string; long: string } | null {
  if (sla.state === "none" || !sla.dueAt) return null;
  const what = sla.kind === "next-response" ? "Next response" : "First response";
  const due = formatDateTime(sla.dueAt);
  if (sla.state === "breached") return { short: `Overdue ${formatAge(sla.dueAt, now)}`, long: `${what} overdue since ${due}` };
  return { short: `Due in ${formatAge(sla.dueAt, now)}`, long: `${what} due by ${due}` };
}

/** "Ana" from "Ana Lima", the address's name part when there is no name. */
export function firstName(person: { name: string | null; email: string }): string {
  const name = person.name?.trim();
  return name ? (name.split(/\s+/)[0] ?? name) : (person.email.split("@")[0] ?? person.email);
}

/** "1.2 MB" */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** "Ben", "Ben and Cara", "Ben, Cara and Dan" */
export function listNames(names: string[]): string {
  if (names.length <= 1) return names[0] ?? "";
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

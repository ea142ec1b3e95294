import type { Db, Prisma } from "@marquee/db";
import { AppError } from "../../errors.ts";
import { INBOX_ITEM_SELECT, previewOf, toInboxItem } from "./inbox-item.ts";
import { type TInboxAssigneeFilter, type TInboxCounts, type TInboxListInput, type TInboxListOutput, ZInboxView } from "./inbox-schemas.ts";

// The inbox list: views, whose, labels, search, and keyset pages by (lastMessageAt desc, id desc).

type TWhere = Prisma.SupportConversationWhereInput;
const MAX_SEARCH_WORDS = 6;

/** The conversations a view shows at `now` (merged ones never: they live on in their target). */
export function viewWhere(view: TInboxListInput["view"], now: Date): TWhere {
  switch (view) {
    case "open":
      return { OR: [{ status: "OPEN" }, { status: "SNOOZED", snoozedUntil: { lte: now } }] };
    case "pending":
      return { status: "PENDING" };
    case "snoozed":
      return { status: "SNOOZED", OR: [{ snoozedUntil: null }, { snoozedUntil: { gt: now } }] };
    case "solved":
      return { status: "RESOLVED" };
    case "breached":
      // A buyer waits and what the team owes (the first reply, then the next) is overdue.
      return {
        status: { not: "RESOLVED" },
        waitingSince: { not: null },
        OR: [
          { firstResponseAt: null, firstResponseDueAt: { lt: now } },
          { firstResponseAt: { not: null }, nextResponseDueAt: { lt: now } },
        ],
      };
    case "all":
      return {};
  }
}

export function assigneeWhere(filter: TInboxAssigneeFilter, callerId: string): TWhere {
  if (filter === "all") return {};
  if (filter === "mine") return { assigneeId: callerId };
  if (filter === "unassigned") return { assigneeId: null };
  return { assigneeId: filter };
}

/** "#1042" or "1042": that conversation, even a merged one (its number is how people find it again); see listConversations. */
const numberOf = (q: string) => (/^#?\d{1,9}$/.test(q) ? Number(q.replace("#", "")) : null);

/** Buyer name, e-mail or order reference containing the text, or every word in the subject or some message. */
function searchWhere(q: string): TWhere {
  // Prisma passes `contains` to ILIKE as is: the buyer's "100%" must not become a wildcard.
  const contains = (value: string) => ({ contains: value.replace(/[\\%_]/g, "\\$&"), mode: "insensitive" as const });
  const words = q.split(/\s+/).filter(Boolean).slice(0, MAX_SEARCH_WORDS);
  return {
    OR: [
      { requesterName: contains(q) },
      { requesterEmail: contains(q) },
      { order: { reference: contains(q) } },
      { AND: words.map((word) => ({ OR: [{ subject: contains(word) }, { messages: { some: { body: contains(word) } } }] })) },
    ],
  };
}

interface TCursor {
  at: Date;
  id: string;
}

const encodeCursor = (cursor: TCursor) => Buffer.from(JSON.stringify([cursor.at.toISOString(), cursor.id])).toString("base64url");

function decodeCursor(raw: string): TCursor {
  try {
    const [at, id] = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as unknown[];
    const date = new Date(String(at));
    if (typeof at !== "string" || Number.isNaN(date.getTime()) || typeof id !== "string" || !/^[0-9a-f-]{36}$/i.test(id)) throw new Error("shape");
    return { at: date, id };
  } catch {
    throw new AppError("VALIDATION_ERROR", "This page cursor is not valid.", { field: "cursor" });
  }
}

export interface TInboxCaller {
  organizationId: string;
  userId: string;
}

export async function listConversations(db: Db, caller: TInboxCaller, input: TInboxListInput, now: Date): Promise<TInboxListOutput> {
  const q = input.q?.trim() || null;
  const number = q === null ? null : numberOf(q);
  const and: TWhere[] = [{ organizationId: caller.organizationId }, assigneeWhere(input.assignee, caller.userId)];
  const listed: TWhere[] = [{ mergedIntoId: null }, viewWhere(input.view, now)];
  // "#1042" names a conversation by its number (merged ones too); bare digits do that and are also
  // searched as text: "123456" may be in a subject, a message or an order reference.
  if (number !== null && q!.startsWith("#")) and.push({ number });
  else if (number !== null) and.push({ OR: [{ number }, { AND: [...listed, searchWhere(q!)] }] });
  else and.push(...listed, ...(q === null ? [] : [searchWhere(q)]));
  if (input.label) and.push({ labels: { has: input.label } });
  if (input.cursor) {
    const cursor = decodeCursor(input.cursor);
    and.push({ OR: [{ lastMessageAt: { lt: cursor.at } }, { lastMessageAt: cursor.at, id: { lt: cursor.id } }] });
  }
  const rows = await db.supportConversation.findMany({
    where: { AND: and },
    orderBy: [{ lastMessageAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    select: {
      ...INBOX_ITEM_SELECT,
      messages: {
        where: { authorKind: { not: "SYSTEM" } },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: 1,
        select: { body: true },
      },
    },
  });
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map(({ messages, ...row }) => toInboxItem(row, now, previewOf(messages[0]?.body))),
    nextCursor: rows.length > input.limit && last ? encodeCursor({ at: last.lastMessageAt, id: last.id }) : null,
  };
}

/** How many conversations each view holds for the caller's assignee filter (the inbox's sidebar). */
export async function countConversations(db: Db, caller: TInboxCaller, assignee: TInboxAssigneeFilter, now: Date): Promise<TInboxCounts> {
  const base: TWhere = { organizationId: caller.organizationId, mergedIntoId: null, ...assigneeWhere(assignee, caller.userId) };
  const views = ZInboxView.options;
  const counts = await Promise.all(views.map((view) => db.supportConversation.count({ where: { AND: [base, viewWhere(view, now)] } })));
  return Object.fromEntries(views.map((view, index) => [view, counts[index]!])) as TInboxCounts;
}

import type { CheckinVerdict } from "@marquee/tickets";
import type { Db } from "@marquee/db";
import type { Clock } from "../../../clock.ts";
import type { TCheckinStats } from "../checkin-schemas.ts";

// Check-in progress per event, per list and per gate, from three grouped queries (no row per scan
// leaves the database). Annulled scans count nowhere; a double entry counts as a conflict and as
// refused (it was recorded ALREADY_USED), never as admitted.

type TCounts = TCheckinStats["events"][number]["total"];

interface TScanGroup {
  eventId: string;
  listId: string | null;
  gate: string | null;
  result: CheckinVerdict;
  kind: "ENTRY" | "EXIT";
  conflict: boolean;
  count: number;
  /** The newest upload of the group (annulled scans aside). */
  lastAt: Date;
}

const emptyCounts = (): TCounts & { exits: number } => ({ admitted: 0, inside: 0, refused: 0, conflicts: 0, exits: 0 });

function add(counts: TCounts & { exits: number }, group: TScanGroup): void {
  if (group.result === "ACCEPTED") {
    if (group.kind === "ENTRY") counts.admitted += group.count;
    else counts.exits += group.count;
  } else counts.refused += group.count;
  if (group.conflict) counts.conflicts += group.count;
}

const finish = ({ exits, ...counts }: TCounts & { exits: number }): TCounts => ({ ...counts, inside: Math.max(0, counts.admitted - exits) });

/**
 * The figures of the given events (the caller has checked they are its organisation's). `gate`:
 * only that gate's row in `gates` (a scanner device sees its own gate and the totals).
 */
export async function checkinStats(deps: { db: Db; clock: Clock }, input: { eventIds: readonly string[]; gate?: string }): Promise<TCheckinStats> {
  const eventIds = [...input.eventIds];
  const generatedAt = deps.clock.now();
  if (eventIds.length === 0) return { generatedAt, events: [] };
  const [groups, lists, validByType] = await Promise.all([
    deps.db.$queryRaw<TScanGroup[]>`
      SELECT s."eventId", s."listId", s."gate", s."result"::text AS "result", s."kind"::text AS "kind", s."conflict", count(*)::int AS "count", max(s."receivedAt") AS "lastAt"
      FROM "Scan" s
      WHERE s."eventId" = ANY(${eventIds}::uuid[]) AND s."annulledAt" IS NULL
      GROUP BY 1, 2, 3, 4, 5, 6`,
    deps.db.checkinList.findMany({ where: { eventId: { in: eventIds }, archivedAt: null }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    deps.db.ticket.groupBy({ by: ["eventId", "ticketTypeId"], where: { eventId: { in: eventIds }, status: "VALID" }, _count: { _all: true } }),
  ]);
  return {
    generatedAt,
    events: eventIds.map((eventId) => {
      const eventGroups = groups.filter((group) => group.eventId === eventId);
      const types = validByType.filter((row) => row.eventId === eventId);
      const total = emptyCounts();
      const byList = new Map<string, ReturnType<typeof emptyCounts>>();
      const byGate = new Map<string, ReturnType<typeof emptyCounts>>();
      const refused = new Map<CheckinVerdict, number>();
      for (const group of eventGroups) {
        add(total, group);
        if (group.listId) add(byList.get(group.listId) ?? byList.set(group.listId, emptyCounts()).get(group.listId)!, group);
        const gate = group.gate ?? "—";
        add(byGate.get(gate) ?? byGate.set(gate, emptyCounts()).get(gate)!, group);
        if (group.result !== "ACCEPTED") refused.set(group.result, (refused.get(group.result) ?? 0) + group.count);
      }
      const ticketsOf = (typeIds: readonly string[] | null) =>
        types.filter((row) => typeIds === null || typeIds.includes(row.ticketTypeId)).reduce((sum, row) => sum + row._count._all, 0);
      return {
        eventId,
        tickets: ticketsOf(null),
        total: finish(total),
        lists: lists
          .filter((list) => list.eventId === eventId)
          .map((list) => ({
            listId: list.id,
            name: list.name,
            tickets: ticketsOf(list.allTicketTypes ? null : list.ticketTypeIds),
            counts: finish(byList.get(list.id) ?? emptyCounts()),
          })),
        gates: [...byGate.entries()]
          .filter(([gate]) => input.gate === undefined || gate === input.gate)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([gate, counts]) => ({ gate, counts: finish(counts) })),
        refusedByReason: [...refused.entries()].sort((a, b) => b[1] - a[1]).map(([result, count]) => ({ result, count })),
        lastScanAt: eventGroups.reduce<Date | null>((last, group) => (last && last > group.lastAt ? last : group.lastAt), null),
      };
    }),
  };
}

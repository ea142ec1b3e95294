import type { Db } from "@marquee/db";
import { groupCommit, type TGroupCommit } from "../../lib/group-commit.ts";
import type { TQueueTicketRow } from "./queue-status.ts";

/** One buyer's join, for the cart its X-Cart-Token's hash names (unexpired at `now`). */
export interface TQueueTicketInsert {
  id: string;
  eventId: string;
  tokenHash: string;
  closed: boolean;
  sortKey: number;
  now: Date;
  notifyEmail: string | null;
  locale: string;
}

/** The cart's ticket (new, or its existing one with the notify address updated), or null when the token names no live cart. */
export type TQueueTicketInserted = TQueueTicketRow | null;

interface TWrittenRow extends TQueueTicketRow {
  ord: bigint | number;
}

/**
 * Writes many joins in one statement and one commit: each input row finds its cart by token hash,
 * inserts its ticket or answers the cart's existing one (the notify address and locale updated,
 * as a single join does), and comes back with its input's position. An input whose cart is
 * unknown or expired inserts nothing and answers null.
 */
export async function insertQueueTickets(db: Db, inserts: readonly TQueueTicketInsert[]): Promise<TQueueTicketInserted[]> {
  const column = <T>(pick: (insert: TQueueTicketInsert) => T) => inserts.map(pick);
  const rows = await db.$queryRaw<TWrittenRow[]>`
    WITH input AS (
      SELECT * FROM unnest(
        ${column((i) => i.id)}::uuid[], ${column((i) => i.eventId)}::uuid[], ${column((i) => i.tokenHash)}::text[],
        ${column((i) => (i.closed ? "CLOSED" : "WAITING"))}::text[], ${column((i) => i.sortKey)}::float8[],
        ${column((i) => i.now.toISOString())}::timestamp[], ${column((i) => i.notifyEmail)}::text[], ${column((i) => i.locale)}::text[]
      ) WITH ORDINALITY AS i (id, "eventId", "tokenHash", status, "sortKey", "now", "notifyEmail", locale, ord)
    ), matched AS (
      SELECT i.*, c.id AS "cartId" FROM input i JOIN "Cart" c ON c."tokenHash" = i."tokenHash" AND c."expiresAt" > i."now"
    ), written AS (
      INSERT INTO "QueueTicket" (id, "eventId", "cartId", status, "sortKey", "joinedAt", "closedAt", "notifyEmail", locale)
      SELECT id, "eventId", "cartId", status::"QueueTicketStatus", "sortKey", "now", CASE WHEN status = 'CLOSED' THEN "now" END, "notifyEmail", locale
        FROM matched ORDER BY "eventId", "cartId"
      ON CONFLICT ("eventId", "cartId") DO UPDATE SET "notifyEmail" = COALESCE(EXCLUDED."notifyEmail", "QueueTicket"."notifyEmail"), locale = EXCLUDED.locale
      RETURNING id, "eventId", "cartId", status::text AS status, "sortKey"
    )
    SELECT m.ord, w.id, w."cartId", w.status, w."sortKey"
      FROM written w JOIN matched m ON m."eventId" = w."eventId" AND m."cartId" = w."cartId"`;
  const byPosition: TQueueTicketInserted[] = inserts.map(() => null);
  for (const { ord, ...row } of rows) byPosition[Number(ord) - 1] = row;
  return byPosition;
}

const committers = new WeakMap<Db, TGroupCommit<TQueueTicketInsert, TQueueTicketInserted>>();

/**
 * The joins of one process go to PostgreSQL by group commit (lib/group-commit.ts): a buyer's join
 * is answered after its batch committed, as before, but a rush of joins costs one statement and
 * one commit per batch. Two joins of one cart for one event never share a batch.
 */
export function submitQueueTicket(db: Db, insert: TQueueTicketInsert): Promise<TQueueTicketInserted> {
  let committer = committers.get(db);
  if (!committer) {
    committer = groupCommit((inserts) => insertQueueTickets(db, inserts), {
      maxBatch: 200,
      maxInFlight: 2,
      conflictKey: (item) => `${item.eventId}:${item.tokenHash}`,
    });
    committers.set(db, committer);
  }
  return committer.submit(insert);
}

/** How this process's joins were grouped so far (tests, benches). */
export const queueTicketCommitStats = (db: Db) => committers.get(db)?.stats() ?? { batches: 0, items: 0, retriedAlone: 0 };

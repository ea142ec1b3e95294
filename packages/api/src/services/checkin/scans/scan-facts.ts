import {
  parseShortCode,
  parseTicketCode,
  type CheckinPriorScan,
  type CheckinScanKind,
  type CheckinTicketRecord,
  type TicketVerificationKey,
} from "@marquee/tickets";
import type { Prisma } from "@marquee/db";
import type { TUploadScan } from "../checkin-schemas.ts";

// What the server knows when it decides a batch of uploaded scans, read inside the upload's
// transaction after the tickets are locked: the tickets the codes name, the events' keys, and every
// device's counted scans of those tickets on the lists.

type Tx = Prisma.TransactionClient;

/** A counted scan as decideCheckin sees it, plus what the conflict rule needs. */
export interface TPriorScan extends CheckinPriorScan {
  id: string;
  listId: string;
  ticketId: string;
  /** A supervisor's override: never flipped to a conflict. */
  overridden: boolean;
}

export interface TTicketFact extends CheckinTicketRecord {
  shortCode: string;
}

export interface TScanFacts {
  keys: TicketVerificationKey[];
  ticketsById: Map<string, TTicketFact>;
  ticketsByShortCode: Map<string, TTicketFact>;
  /** Counted scans by `${ticketId}|${listId}`. */
  priors: Map<string, TPriorScan[]>;
}

export const priorKey = (ticketId: string, listId: string): string => `${ticketId}|${listId}`;

/** The ticket ids and short codes the batch's codes name, read without any I/O. */
export function codeReferences(scans: readonly Pick<TUploadScan, "code">[]): { ticketIds: string[]; shortCodes: string[] } {
  const ticketIds = new Set<string>();
  const shortCodes = new Set<string>();
  for (const scan of scans) {
    const code = scan.code.trim();
    const short = parseShortCode(code);
    if (short.ok) shortCodes.add(short.shortCode);
    else {
      const parsed = parseTicketCode(code);
      if (parsed) ticketIds.add(parsed.claims.ticketId);
    }
  }
  return { ticketIds: [...ticketIds], shortCodes: [...shortCodes] };
}

/**
 * Locks the named tickets of the device's events (FOR UPDATE, in id order so concurrent uploads
 * cannot deadlock) and reads the facts for the verdicts.
 */
export async function loadScanFacts(
  tx: Tx,
  input: { eventIds: readonly string[]; listIds: readonly string[]; ticketIds: readonly string[]; shortCodes: readonly string[] },
): Promise<TScanFacts> {
  const tickets = await tx.$queryRaw<(TTicketFact & { status: string })[]>`
    SELECT t."id", t."eventId", t."ticketTypeId", t."shortCode", t."status"::text AS "status"
    FROM "Ticket" t
    WHERE t."eventId" = ANY(${[...input.eventIds]}::uuid[])
      AND (t."id" = ANY(${[...input.ticketIds]}::uuid[]) OR t."shortCode" = ANY(${[...input.shortCodes]}::text[]))
    ORDER BY t."id"
    FOR UPDATE`;
  const ids = tickets.map((ticket) => ticket.id);
  const [keys, counted] = await Promise.all([
    tx.eventSigningKey.findMany({
      where: { eventId: { in: [...input.eventIds] } },
      select: { keyId: true, publicKey: true, status: true },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    }),
    ids.length === 0
      ? Promise.resolve([])
      : tx.scan.findMany({
          where: { ticketId: { in: ids }, listId: { in: [...input.listIds] }, result: "ACCEPTED", annulledAt: null },
          select: {
            id: true,
            listId: true,
            ticketId: true,
            kind: true,
            scannedAt: true,
            gate: true,
            deviceId: true,
            overrideReason: true,
            device: { select: { name: true } },
          },
        }),
  ]);
  const priors = new Map<string, TPriorScan[]>();
  for (const scan of counted) {
    const key = priorKey(scan.ticketId!, scan.listId!);
    const list = priors.get(key) ?? [];
    list.push({
      id: scan.id,
      listId: scan.listId!,
      ticketId: scan.ticketId!,
      kind: scan.kind as CheckinScanKind,
      scannedAt: scan.scannedAt.getTime(),
      gate: scan.gate,
      deviceId: scan.deviceId,
      deviceName: scan.device?.name ?? null,
      overridden: scan.overrideReason !== null,
    });
    priors.set(key, list);
  }
  const facts = tickets.map((ticket) => ({ ...ticket, status: ticket.status as TTicketFact["status"] }));
  return {
    keys,
    ticketsById: new Map(facts.map((ticket) => [ticket.id, ticket])),
    ticketsByShortCode: new Map(facts.map((ticket) => [ticket.shortCode, ticket])),
    priors,
  };
}

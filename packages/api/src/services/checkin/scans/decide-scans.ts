import { randomUUID } from "node:crypto";
import { decideCheckin, parseShortCode, parseTicketCode, type CheckinVerdict } from "@marquee/tickets";
import type { TUploadScan } from "../checkin-schemas.ts";
import type { TDeviceSession } from "../devices/authenticate-device.ts";
import { listRules, type TScopeList } from "../device-scope.ts";
import { priorKey, type TPriorScan, type TScanFacts } from "./scan-facts.ts";

// The server's verdicts on a batch of new scans, with every device's counted scans known, and the
// conflict rule: the first entry by DEVICE time wins. A later entry another device admitted is
// recorded ALREADY_USED with conflict=true; an upload earlier by device time than a recorded
// admission takes its place and the recorded one becomes the conflict. No I/O here.

const CODE_KEPT = 256;

/** One Scan row to insert. */
export interface TScanRow {
  id: string;
  nonce: string;
  eventId: string;
  listId: string | null;
  ticketId: string | null;
  deviceId: string;
  userId: string | null;
  kind: "ENTRY" | "EXIT";
  result: CheckinVerdict;
  deviceResult: CheckinVerdict;
  scannedAt: Date;
  receivedAt: Date;
  offline: boolean;
  conflict: boolean;
  conflictWithScanId: string | null;
  gate: string;
  code: string | null;
  overrideReason: string | null;
}

export interface TScanDecisions {
  rows: TScanRow[];
  /** Recorded admissions (earlier uploads) that became double entries: id -> the admission that replaces them. */
  flips: Map<string, string>;
  /** The prior that each ALREADY_USED row collided with (for the answer). */
  previousOf: Map<string, TPriorScan>;
}

/** The list's events the scan's row belongs to when the device may not scan that list. */
export type TForeignList = { id: string; eventId: string } | undefined;

/**
 * Decides the scans in device-time order. `lists` are the lists the device may scan; a scan for any
 * other list is recorded WRONG_EVENT (under that list when it is one of the device's events, else
 * under the device's first event without a list) and never counts.
 */
export async function decideScans(input: {
  device: TDeviceSession;
  scans: readonly TUploadScan[];
  lists: ReadonlyMap<string, TScopeList>;
  foreignLists: ReadonlyMap<string, { id: string; eventId: string }>;
  facts: TScanFacts;
  now: Date;
}): Promise<TScanDecisions> {
  const { device, facts } = input;
  const rows: TScanRow[] = [];
  const flips = new Map<string, string>();
  const previousOf = new Map<string, TPriorScan>();
  const pendingById = new Map<string, TScanRow>();
  const ordered = [...input.scans].sort((a, b) => a.scannedAt.getTime() - b.scannedAt.getTime());
  const decideOne = async (scan: TUploadScan): Promise<void> => {
    const list = input.lists.get(scan.listId);
    const at = scan.scannedAt.getTime();
    const row: TScanRow = {
      id: randomUUID(),
      nonce: scan.nonce,
      eventId: list?.eventId ?? input.foreignLists.get(scan.listId)?.eventId ?? device.eventIds[0]!,
      listId: list?.id ?? input.foreignLists.get(scan.listId)?.id ?? null,
      ticketId: null,
      deviceId: device.id,
      userId: device.userId,
      kind: scan.kind,
      result: "WRONG_EVENT",
      deviceResult: scan.deviceResult,
      scannedAt: scan.scannedAt,
      receivedAt: input.now,
      offline: scan.offline,
      conflict: false,
      conflictWithScanId: null,
      gate: device.gate,
      code: null,
      overrideReason: null,
    };
    rows.push(row);
    pendingById.set(row.id, row);
    if (!list) {
      row.code = scan.code.slice(0, CODE_KEPT);
      return;
    }
    const priorsOf = (ticketId: string) => facts.priors.get(priorKey(ticketId, list.id)) ?? [];
    const decision = await decideCheckin({
      code: scan.code,
      kind: scan.kind,
      list: listRules(list),
      keys: facts.keys,
      now: at,
      findTicket: (ref) => ("ticketId" in ref ? facts.ticketsById.get(ref.ticketId) : facts.ticketsByShortCode.get(ref.shortCode)),
      // Only what came before by device time: a later admission does not make this one a repeat.
      priorScans: (ticketId) => priorsOf(ticketId).filter((prior) => prior.scannedAt <= at),
    });
    const ticketId = decision.ticketId && facts.ticketsById.has(decision.ticketId) ? decision.ticketId : null;
    row.ticketId = ticketId;
    row.code = ticketId ? null : scan.code.slice(0, CODE_KEPT);
    row.result = decision.verdict;
    if (decision.verdict === "ALREADY_USED") {
      const previous = decision.previous as TPriorScan;
      previousOf.set(row.id, previous);
      if (scan.deviceResult === "ACCEPTED" && previous.deviceId !== device.id) {
        row.conflict = true;
        row.conflictWithScanId = previous.id;
      }
    }
    if (scan.override) {
      row.result = "ACCEPTED";
      row.overrideReason = scan.override.reason;
      row.conflict = false;
      row.conflictWithScanId = null;
    }
    if (row.result !== "ACCEPTED" || !ticketId) return;
    const prior: TPriorScan = {
      id: row.id,
      listId: list.id,
      ticketId,
      kind: scan.kind,
      scannedAt: at,
      gate: device.gate,
      deviceId: device.id,
      deviceName: device.name,
      overridden: row.overrideReason !== null,
    };
    const key = priorKey(ticketId, list.id);
    const counted = [...(facts.priors.get(key) ?? []), prior];
    facts.priors.set(key, counted);
    if (scan.kind === "ENTRY" && !scan.override) {
      for (const flipped of laterDoubleEntries(counted, prior, list.allowReentry)) {
        facts.priors.set(
          key,
          (facts.priors.get(key) ?? []).filter((other) => other.id !== flipped.id),
        );
        const pending = pendingById.get(flipped.id);
        if (pending) {
          pending.result = "ALREADY_USED";
          pending.conflict = true;
          pending.conflictWithScanId = row.id;
        } else flips.set(flipped.id, row.id);
      }
    }
  };
  // Scans of one ticket in device-time order; different tickets at once (signature checks overlap).
  const groups = new Map<string, TUploadScan[]>();
  for (const scan of ordered) {
    const key = ticketKeyOf(scan.code, facts) ?? `scan:${scan.nonce}`;
    groups.set(key, [...(groups.get(key) ?? []), scan]);
  }
  await Promise.all(
    [...groups.values()].map(async (group) => {
      for (const scan of group) await decideOne(scan);
    }),
  );
  const order = new Map(ordered.map((scan, index) => [scan.nonce, index]));
  rows.sort((a, b) => order.get(a.nonce)! - order.get(b.nonce)!);
  return { rows, flips, previousOf };
}

/** The ticket a code names (signed claims, or a known short code), so one ticket's scans are decided one after another. */
function ticketKeyOf(code: string, facts: TScanFacts): string | null {
  const trimmed = code.trim();
  const short = parseShortCode(trimmed);
  if (short.ok) return facts.ticketsByShortCode.get(short.shortCode)?.id ?? null;
  return parseTicketCode(trimmed)?.claims.ticketId ?? null;
}

/**
 * Entries after `entry` by device time that the new admission turns into double entries: every
 * later entry without re-entry; with re-entry, those before the next exit. Overrides stay.
 */
function laterDoubleEntries(counted: readonly TPriorScan[], entry: TPriorScan, allowReentry: boolean): TPriorScan[] {
  const later = counted.filter((scan) => scan.id !== entry.id && scan.scannedAt > entry.scannedAt).sort((a, b) => a.scannedAt - b.scannedAt);
  const doubles: TPriorScan[] = [];
  let inside = true;
  for (const scan of later) {
    if (scan.kind === "EXIT") {
      if (allowReentry) inside = false;
      continue;
    }
    if (inside && !scan.overridden) doubles.push(scan);
    else inside = true;
  }
  return doubles;
}

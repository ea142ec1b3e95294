import {
  type CheckinListRules,
  type CheckinPriorScan,
  type CheckinTicketRecord,
  decodeRevocationList,
  type RevokedTickets,
  type TicketVerificationKey,
} from "@marquee/tickets";
import { readMeta, scannerDb, type TKnownScanRow, type TTicketRow, writeMeta } from "./db.ts";
import type { TAttendee as TAttendeeJson, TCheckinDataJson } from "./device-api.ts";

// The synced data in memory, for verdicts in well under 5 ms: tickets by id and by short code,
// the events' keys and revocation lists, the lists' rules and the counted scans by ticket. Loaded
// from IndexedDB at start, then kept in step with every sync page and live message, which are
// written to IndexedDB as well.

export type TSyncEventJson = TCheckinDataJson["events"][number];
export type TSyncListJson = TCheckinDataJson["lists"][number];
export type TTicketTypeJson = TCheckinDataJson["ticketTypes"][number];
export type TSyncScanJson = TCheckinDataJson["scans"][number];

const STATUS = ["VALID", "REVOKED", "TRANSFERRED"] as const;
const STATUS_CODE = { VALID: 0, REVOKED: 1, TRANSFERRED: 2 } as const;

interface TDict {
  events: string[];
  types: string[];
  /** Parts of seat labels. */
  parts: string[];
}

const SEAT_SEPARATOR = " · ";
const EMPTY_DICT = (): TDict => ({ events: [], types: [], parts: [] });

/** A ticket as the screen shows it. */
export interface TTicketView extends CheckinTicketRecord {
  shortCode: string;
  seat: string | null;
  holder: string | null;
}

const compactCode = (shortCode: string) => shortCode.replace(/-/g, "").toUpperCase();

export class LocalIndex {
  events: TSyncEventJson[] = [];
  lists: TSyncListJson[] = [];
  ticketTypes: TTicketTypeJson[] = [];
  private dict: TDict = EMPTY_DICT();
  private tickets = new Map<string, TTicketRow>();
  private byCode = new Map<string, string>();
  private scansByTicket = new Map<string, Map<string, TKnownScanRow>>();
  private revoked = new Map<string, RevokedTickets>();
  keys: TicketVerificationKey[] = [];

  /** Reads everything stored (at start, and after a full sync reset). */
  async load(): Promise<void> {
    const db = scannerDb();
    this.dict = { ...EMPTY_DICT(), ...(await readMeta<TDict>("dict")) };
    this.setShared(
      (await readMeta<TSyncEventJson[]>("events")) ?? [],
      (await readMeta<TSyncListJson[]>("lists")) ?? [],
      (await readMeta<TTicketTypeJson[]>("ticketTypes")) ?? [],
    );
    this.tickets.clear();
    this.byCode.clear();
    for (const row of await db.tickets.toArray()) this.putTicket(row);
    this.scansByTicket.clear();
    for (const scan of await db.scans.toArray()) this.putScan(scan);
  }

  get ticketCount(): number {
    return this.tickets.size;
  }

  private setShared(events: TSyncEventJson[], lists: TSyncListJson[], ticketTypes: TTicketTypeJson[]) {
    this.events = events;
    this.lists = lists;
    this.ticketTypes = ticketTypes;
    this.keys = events.flatMap((event) => event.keys);
    this.revoked = new Map(events.map((event) => [event.id, decodeRevocationList(event.revocationList) ?? new Set<string>()]));
  }

  /** Drops the tickets and other devices' scans before a full sync (own queued scans are re-added by the caller). */
  async reset(): Promise<void> {
    const db = scannerDb();
    await db.transaction("rw", db.tickets, db.scans, db.meta, async () => {
      await db.tickets.clear();
      await db.scans.clear();
      await db.meta.put({ key: "dict", value: EMPTY_DICT() });
    });
    this.dict = EMPTY_DICT();
    this.tickets.clear();
    this.byCode.clear();
    this.scansByTicket.clear();
  }

  private indexOf(kind: keyof TDict, id: string): number {
    const list = this.dict[kind];
    const at = list.indexOf(id);
    if (at >= 0) return at;
    list.push(id);
    return list.length - 1;
  }

  private putTicket(row: TTicketRow) {
    const old = this.tickets.get(row.i);
    if (old) this.byCode.delete(old.c);
    this.tickets.set(row.i, row);
    this.byCode.set(row.c, row.i);
  }

  private putScan(scan: TKnownScanRow) {
    let scans = this.scansByTicket.get(scan.ticketId);
    if (!scans) this.scansByTicket.set(scan.ticketId, (scans = new Map()));
    scans.set(scan.nonce, scan);
  }

  /** Applies one sync page: shared data in full, tickets and scans as changes. */
  async applyPage(page: TCheckinDataJson): Promise<void> {
    const db = scannerDb();
    this.setShared(page.events, page.lists, page.ticketTypes);
    const part = (text: string) => this.indexOf("parts", text);
    const rows = page.tickets.map((ticket) =>
      compactTicketRow(ticket, this.indexOf("events", ticket.eventId), this.indexOf("types", ticket.ticketTypeId), part),
    );
    const scans = page.scans.map(knownScanOf);
    await db.transaction("rw", db.tickets, db.scans, db.meta, async () => {
      await db.meta.bulkPut([
        { key: "events", value: page.events },
        { key: "lists", value: page.lists },
        { key: "ticketTypes", value: page.ticketTypes },
        { key: "dict", value: this.dict },
      ]);
      if (rows.length) await db.tickets.bulkPut(rows);
      if (scans.length) await db.scans.bulkPut(scans);
    });
    for (const row of rows) this.putTicket(row);
    for (const scan of scans) this.putScan(scan);
  }

  /** Records a counted scan (own or another device's), or its annulment. */
  async recordScan(scan: TKnownScanRow): Promise<void> {
    this.putScan(scan);
    await scannerDb().scans.put(scan);
  }

  /** A live "ticket" message: the new status, in memory and stored. */
  async setTicketStatus(ticketId: string, status: "VALID" | "REVOKED" | "TRANSFERRED"): Promise<void> {
    const row = this.tickets.get(ticketId.toLowerCase());
    if (!row) return;
    const next: TTicketRow = { ...row, x: STATUS_CODE[status] };
    this.putTicket(next);
    await scannerDb().tickets.put(next);
  }

  /** Ticket lookup for decideCheckin: by id (signed codes) or by short code (typed). */
  findTicket = (ref: { ticketId: string } | { shortCode: string }): TTicketView | undefined => {
    const id = "ticketId" in ref ? ref.ticketId.toLowerCase() : this.byCode.get(compactCode(ref.shortCode));
    const row = id ? this.tickets.get(id) : undefined;
    if (!row) return undefined;
    return {
      id: row.i,
      eventId: this.dict.events[row.e]!,
      ticketTypeId: this.dict.types[row.t]!,
      status: STATUS[row.x ?? 0],
      shortCode: row.c,
      seat: row.s ? row.s.map((part) => this.dict.parts[part]).join(SEAT_SEPARATOR) : null,
      holder: row.h ?? null,
    };
  };

  /** Counted (not annulled) scans of a ticket on a list. */
  priorScans(ticketId: string, listId: string): CheckinPriorScan[] {
    const scans = this.scansByTicket.get(ticketId);
    if (!scans) return [];
    return [...scans.values()]
      .filter((scan) => scan.listId === listId && !scan.annulled)
      .map((scan) => ({ kind: scan.kind, scannedAt: scan.scannedAt, gate: scan.gate, deviceId: scan.deviceId, deviceName: scan.deviceName }));
  }

  /** Every counted scan (for the gate and total counts). */
  *countedScans(): Generator<TKnownScanRow> {
    for (const scans of this.scansByTicket.values()) for (const scan of scans.values()) if (!scan.annulled) yield scan;
  }

  revokedOf(eventId: string): RevokedTickets | undefined {
    return this.revoked.get(eventId);
  }

  /** The list's rules in the shape decideCheckin takes. */
  rulesOf(list: TSyncListJson): CheckinListRules {
    return {
      id: list.id,
      eventId: list.eventId,
      allTicketTypes: list.allTicketTypes,
      ticketTypeIds: list.ticketTypeIds,
      exitScans: list.exitScans,
      allowReentry: list.allowReentry,
      validFrom: list.validFrom ? Date.parse(list.validFrom) : null,
      validUntil: list.validUntil ? Date.parse(list.validUntil) : null,
    };
  }

  /** Offline attendee search over the index: holder name or short code, at most 20. */
  searchLocal(query: string): TAttendeeJson[] {
    const needle = query.toLowerCase();
    const code = compactCode(query);
    const found: TAttendeeJson[] = [];
    for (const row of this.tickets.values()) {
      if (found.length >= 20) break;
      if (!(row.h?.toLowerCase().includes(needle) || (code.length >= 3 && row.c.includes(code)))) continue;
      const ticket = this.findTicket({ ticketId: row.i })!;
      const inside = [...(this.scansByTicket.get(ticket.id)?.values() ?? [])].find((scan) => !scan.annulled && scan.kind === "ENTRY");
      found.push({
        ticketId: ticket.id,
        eventId: ticket.eventId,
        shortCode: `${row.c.slice(0, 3)}-${row.c.slice(3, 6)}-${row.c.slice(6)}`,
        holder: ticket.holder,
        buyerName: null,
        orderReference: "",
        ticketTypeName: this.ticketTypeName(ticket.ticketTypeId) ?? "",
        seat: ticket.seat,
        status: ticket.status,
        checkedInAt: inside ? new Date(inside.scannedAt).toISOString() : null,
      });
    }
    return found;
  }

  ticketTypeName(id: string): string | null {
    return this.ticketTypes.find((type) => type.id === id)?.name ?? null;
  }
}

/** A synced ticket as the index stores it: short keys, the event and type as dictionary numbers, no empty fields. */
export function compactTicketRow(
  ticket: TCheckinDataJson["tickets"][number],
  eventIndex: number,
  typeIndex: number,
  partIndex: (part: string) => number,
): TTicketRow {
  const row: TTicketRow = { i: ticket.id, e: eventIndex, t: typeIndex, c: compactCode(ticket.shortCode) };
  // Most tickets are valid: the status is stored only when it is not.
  if (ticket.status !== "VALID") row.x = STATUS_CODE[ticket.status];
  // "Section A · Row 3 · Seat 12": each part is repeated across thousands of tickets, so it is a dictionary number.
  if (ticket.seat) row.s = ticket.seat.split(SEAT_SEPARATOR).map(partIndex);
  if (ticket.holder) row.h = ticket.holder;
  return row;
}

/** A synced or live scan as stored. */
export function knownScanOf(scan: TSyncScanJson): TKnownScanRow {
  return {
    nonce: scan.nonce,
    eventId: scan.eventId,
    listId: scan.listId,
    ticketId: scan.ticketId,
    kind: scan.kind,
    scannedAt: Date.parse(scan.scannedAt),
    gate: scan.gate,
    deviceId: scan.deviceId,
    deviceName: scan.deviceName,
    annulled: scan.annulled,
  };
}

/** Stores the shared rows that are not tickets (used by the sync's full reset). */
export const storeCursor = (cursor: string) => writeMeta("cursor", cursor);

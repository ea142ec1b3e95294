import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { compactTicketRow } from "./local-index.ts";

describe("compactTicketRow", () => {
  it("keeps a ticket in short keys, without dashes in the code or empty fields", () => {
    const id = randomUUID();
    const row = compactTicketRow(
      { id, eventId: randomUUID(), ticketTypeId: randomUUID(), shortCode: "K7Q-X2M-PAR", seat: null, holder: "Ana K.", status: "REVOKED" },
      0,
      3,
      () => 0,
    );
    expect(row).toEqual({ i: id, e: 0, t: 3, c: "K7QX2MPAR", h: "Ana K.", x: 1 });
  });

  it("keeps a seat label's parts as dictionary numbers", () => {
    const parts: string[] = [];
    const part = (text: string) => (parts.includes(text) ? parts.indexOf(text) : parts.push(text) - 1);
    const ticket = { id: randomUUID(), eventId: randomUUID(), ticketTypeId: randomUUID(), shortCode: "K7Q-X2M-PAR", holder: null, status: "VALID" as const };
    expect(compactTicketRow({ ...ticket, seat: "Section A · Row 3 · Seat 12" }, 0, 0, part).s).toEqual([0, 1, 2]);
    expect(compactTicketRow({ ...ticket, seat: "Section A · Row 4 · Seat 12" }, 0, 0, part).s).toEqual([0, 3, 2]);
  });

  it("stays under 1 MB of data per 10,000 seated, named tickets", () => {
    const parts: string[] = [];
    const part = (text: string) => (parts.includes(text) ? parts.indexOf(text) : parts.push(text) - 1);
    const eventId = randomUUID();
    const typeId = randomUUID();
    const rows = Array.from({ length: 10_000 }, (_, n) =>
      compactTicketRow(
        {
          id: randomUUID(),
          eventId,
          ticketTypeId: typeId,
          shortCode: "K7Q-X2M-PAR",
          seat: `Section A · Row ${n % 30} · Seat ${n % 40}`,
          holder: "Ana K.",
          status: "VALID",
        },
        0,
        0,
        part,
      ),
    );
    const bytes = new TextEncoder().encode(JSON.stringify([rows, parts])).length;
    expect(bytes).toBeLessThan(1_000_000);
  });
});

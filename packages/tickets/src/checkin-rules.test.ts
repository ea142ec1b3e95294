import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decideCheckin, type CheckinDecisionInput, type CheckinListRules, type CheckinPriorScan, type CheckinTicketRecord } from "./checkin-rules.ts";
import { decodeBase32, encodeBase32 } from "./base32.ts";
import { generateShortCode } from "./short-code.ts";
import { signTicketCode } from "./sign-ticket-code.ts";
import { DOORS_OPEN, EVENT_ENDS, makeClaims, makeEventKey } from "./testing/factories.ts";

// decideCheckin: every verdict, exits and re-entry, list windows, typed short codes. The phone and
// the server both run it, so these cases are the door's rules.

const DURING = new Date("2027-06-12T21:30:00Z").getTime();

function setUp(listOverrides: Partial<CheckinListRules> = {}) {
  const eventId = crypto.randomUUID();
  const key = makeEventKey("ACTIVE");
  const withdrawn = makeEventKey("REVOKED");
  const typeId = crypto.randomUUID();
  const list: CheckinListRules = {
    id: crypto.randomUUID(),
    eventId,
    allTicketTypes: true,
    ticketTypeIds: [],
    exitScans: false,
    allowReentry: false,
    validFrom: null,
    validUntil: null,
    ...listOverrides,
  };
  const records = new Map<string, CheckinTicketRecord & { shortCode: string }>();
  const scans = new Map<string, CheckinPriorScan[]>();
  const issue = (overrides: { eventId?: string; ticketTypeId?: string; status?: CheckinTicketRecord["status"]; signer?: typeof key } = {}) => {
    const signer = overrides.signer ?? key;
    const claims = makeClaims({ eventId: overrides.eventId ?? eventId, ticketTypeId: overrides.ticketTypeId ?? typeId, keyId: signer.stored.keyId });
    const shortCode = generateShortCode();
    records.set(claims.ticketId, {
      id: claims.ticketId,
      eventId: claims.eventId,
      ticketTypeId: claims.ticketTypeId,
      status: overrides.status ?? "VALID",
      shortCode,
    });
    return { id: claims.ticketId, code: signTicketCode(claims, signer.privateKey), shortCode };
  };
  const decide = (code: string, overrides: Partial<CheckinDecisionInput> = {}) =>
    decideCheckin({
      code,
      kind: "ENTRY",
      list,
      keys: [key.verification, withdrawn.verification],
      now: DURING,
      findTicket: (ref) => ("ticketId" in ref ? records.get(ref.ticketId) : [...records.values()].find((record) => record.shortCode === ref.shortCode)),
      priorScans: (ticketId) => scans.get(ticketId) ?? [],
      ...overrides,
    });
  const admit = (ticketId: string, kind: "ENTRY" | "EXIT", at: number, gate = "North") => {
    scans.set(ticketId, [...(scans.get(ticketId) ?? []), { kind, scannedAt: at, gate, deviceId: "d1", deviceName: "North 1" }]);
  };
  return { eventId, typeId, list, issue, decide, admit, withdrawn };
}

describe("decideCheckin", () => {
  it("accepts a valid ticket once, then says ALREADY_USED with where and when", async () => {
    const { issue, decide, admit } = setUp();
    const ticket = issue();
    expect(await decide(ticket.code)).toMatchObject({ verdict: "ACCEPTED", kind: "ENTRY", ticketId: ticket.id });
    admit(ticket.id, "ENTRY", DURING - 60_000);
    expect(await decide(ticket.code)).toMatchObject({ verdict: "ALREADY_USED", previous: { gate: "North", scannedAt: DURING - 60_000 } });
  });

  it("refuses unreadable, forged, withdrawn-key, other-event, off-list and revoked codes", async () => {
    const { issue, decide, typeId, withdrawn } = setUp({ allTicketTypes: false, ticketTypeIds: [] });
    const { decide: decideAll, issue: issueAll } = setUp();
    expect(await decide("not a ticket")).toEqual({ verdict: "MALFORMED", ticketId: null });
    const bytes = decodeBase32(issueAll().code)!;
    bytes[bytes.length - 1]! ^= 1;
    expect(await decideAll(encodeBase32(bytes))).toEqual({ verdict: "INVALID_SIGNATURE", ticketId: null });
    expect((await decideAll(issueAll({ signer: withdrawn }).code)).verdict).toBe("INVALID_SIGNATURE");
    expect((await decide(issue({ ticketTypeId: typeId }).code)).verdict).toBe("NOT_ON_LIST");
    expect((await decideAll(issueAll({ status: "REVOKED" }).code)).verdict).toBe("REVOKED");
    expect((await decideAll(issueAll({ status: "TRANSFERRED" }).code)).verdict).toBe("REVOKED");
    // Another event's code: its key is unknown here; on a list of another event than its own it is WRONG_EVENT.
    const other = setUp();
    const foreign = other.issue();
    expect((await decideAll(foreign.code)).verdict).toBe("INVALID_SIGNATURE");
    expect((await other.decide(foreign.code, { list: { ...other.list, eventId: crypto.randomUUID() } })).verdict).toBe("WRONG_EVENT");
  });

  it("checks the revocation list even without the ticket in the index", async () => {
    const { issue, decide } = setUp();
    const ticket = issue();
    expect((await decide(ticket.code, { findTicket: () => undefined, revoked: new Set([ticket.id]) })).verdict).toBe("REVOKED");
  });

  it("holds the ticket's signed window and the list's window", async () => {
    const { issue, decide, list } = setUp();
    const ticket = issue();
    expect((await decide(ticket.code, { now: DOORS_OPEN.getTime() - 1 })).verdict).toBe("NOT_YET_VALID");
    expect((await decide(ticket.code, { now: EVENT_ENDS.getTime() + 1 })).verdict).toBe("EXPIRED");
    const windowed = { ...list, validFrom: DURING + 1, validUntil: DURING + 10 };
    expect((await decide(ticket.code, { list: windowed })).verdict).toBe("NOT_YET_VALID");
    expect((await decide(ticket.code, { list: windowed, now: DURING + 10 })).verdict).toBe("EXPIRED");
    expect((await decide(ticket.code, { list: windowed, now: DURING + 5 })).verdict).toBe("ACCEPTED");
  });

  it("takes a typed short code in any case and spacing; an unknown one is UNKNOWN_TICKET", async () => {
    const { issue, decide } = setUp();
    const ticket = issue();
    expect(await decide(` ${ticket.shortCode.toLowerCase().replaceAll("-", " ")} `)).toMatchObject({ verdict: "ACCEPTED", ticketId: ticket.id });
    expect(await decide(generateShortCode())).toEqual({ verdict: "UNKNOWN_TICKET", ticketId: null });
  });

  it("accepts exits; re-entry only on lists that allow it", async () => {
    const once = setUp({ exitScans: true });
    const a = once.issue();
    once.admit(a.id, "ENTRY", DURING - 3000);
    expect((await once.decide(a.code, { kind: "EXIT" })).verdict).toBe("ACCEPTED");
    once.admit(a.id, "EXIT", DURING - 2000);
    expect((await once.decide(a.code)).verdict).toBe("ALREADY_USED");

    const again = setUp({ exitScans: true, allowReentry: true });
    const b = again.issue();
    again.admit(b.id, "ENTRY", DURING - 3000);
    expect((await again.decide(b.code)).verdict).toBe("ALREADY_USED");
    again.admit(b.id, "EXIT", DURING - 2000);
    expect((await again.decide(b.code)).verdict).toBe("ACCEPTED");
  });

  it("with re-entry, is inside exactly when the last counted scan (by time, any order given) is an entry", async () => {
    const { issue, decide } = setUp({ exitScans: true, allowReentry: true });
    const ticket = issue();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ kind: fc.constantFrom("ENTRY" as const, "EXIT" as const), at: fc.integer({ min: 0, max: 1_000_000 }) }), { maxLength: 12 }),
        async (history) => {
          const unique = [...new Map(history.map((scan) => [scan.at, scan])).values()];
          const priors = unique.map((scan) => ({ kind: scan.kind, scannedAt: DURING - 2_000_000 + scan.at, gate: null, deviceId: null, deviceName: null }));
          const last = [...priors].sort((x, y) => x.scannedAt - y.scannedAt).at(-1);
          const verdict = (await decide(ticket.code, { priorScans: () => priors })).verdict;
          expect(verdict).toBe(last?.kind === "ENTRY" ? "ALREADY_USED" : "ACCEPTED");
        },
      ),
      { numRuns: 50 },
    );
  });
});

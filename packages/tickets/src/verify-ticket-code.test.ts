import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeBase32, encodeBase32 } from "./base32.ts";
import { encodeRevocationList, decodeRevocationList } from "./revocation-list.ts";
import { signTicketCode } from "./sign-ticket-code.ts";
import { DOORS_OPEN, EVENT_ENDS, makeClaims, makeEventKey } from "./testing/factories.ts";
import { type TicketClaims } from "./ticket-code.ts";
import { verifyTicketCode, type VerifyTicketCodeOptions } from "./verify-ticket-code.ts";

const DURING = new Date("2027-06-12T21:30:00Z");

function setUpEvent() {
  const eventId = crypto.randomUUID();
  const current = makeEventKey("ACTIVE");
  const rotated = makeEventKey("VERIFY_ONLY");
  const compromised = makeEventKey("REVOKED");
  const options: VerifyTicketCodeOptions = {
    eventId,
    keys: [current.verification, rotated.verification, compromised.verification],
    revoked: new Set<string>(),
    now: DURING,
  };
  const issue = (overrides: Partial<TicketClaims> = {}, key = current) => {
    const claims = makeClaims({ eventId, keyId: key.stored.keyId, ...overrides });
    return { claims, code: signTicketCode(claims, key.privateKey) };
  };
  return { eventId, current, rotated, compromised, options, issue };
}

function flipBit(code: string, bit: number): string {
  const bytes = decodeBase32(code)!;
  bytes[bit >> 3]! ^= 1 << (bit & 7);
  return encodeBase32(bytes);
}

describe("verifyTicketCode", () => {
  it("accepts a code signed with the event's active key and returns its claims", async () => {
    const { issue, options } = setUpEvent();
    const { claims, code } = issue({ seatId: crypto.randomUUID() });
    expect(await verifyTicketCode(code, options)).toEqual({ ok: true, claims });
  });

  it("accepts codes signed with a rotated-out (VERIFY_ONLY) key", async () => {
    const { issue, options, rotated } = setUpEvent();
    expect(await verifyTicketCode(issue({}, rotated).code, options)).toMatchObject({ ok: true });
  });

  it("rejects codes signed with a REVOKED key, whatever else holds", async () => {
    const { issue, options, compromised } = setUpEvent();
    expect(await verifyTicketCode(issue({}, compromised).code, options)).toEqual({ ok: false, reason: "KEY_REVOKED" });
  });

  it("rejects a code whose key the event does not hold (signed by another event's key)", async () => {
    const { options } = setUpEvent();
    const otherEvent = setUpEvent();
    expect(await verifyTicketCode(otherEvent.issue().code, options)).toEqual({ ok: false, reason: "UNKNOWN_KEY" });
  });

  it("says WRONG_EVENT for a genuine code of another event whose key the scanner holds", async () => {
    const { options } = setUpEvent();
    const otherEvent = setUpEvent();
    const keys = [...options.keys, otherEvent.current.verification];
    expect(await verifyTicketCode(otherEvent.issue().code, { ...options, keys })).toEqual({ ok: false, reason: "WRONG_EVENT" });
  });

  it("says BAD_SIGNATURE when the key id is right but another key signed", async () => {
    const { options, current } = setUpEvent();
    const impostor = makeEventKey();
    // A verification list that maps the impostor's keyId to the event's real public key.
    const keys = [{ ...current.verification, keyId: impostor.stored.keyId }];
    const code = signTicketCode(makeClaims({ eventId: options.eventId, keyId: impostor.stored.keyId }), impostor.privateKey);
    expect(await verifyTicketCode(code, { ...options, keys })).toEqual({ ok: false, reason: "BAD_SIGNATURE" });
  });

  it("says BAD_SIGNATURE for a flipped bit in the payload or in the signature", async () => {
    const { issue, options } = setUpEvent();
    const { code } = issue();
    // Bytes 100 and 131 (signature), 10, 30, 45, 58, 67 (ticket id, event id, type, issuedAt, validUntil).
    for (const bit of [100 * 8, 131 * 8 + 7, 10 * 8 + 3, 30 * 8, 45 * 8 + 1, 58 * 8 + 6, 67 * 8]) {
      expect(await verifyTicketCode(flipBit(code, bit), options), `bit ${bit}`).toEqual({ ok: false, reason: "BAD_SIGNATURE" });
    }
  });

  it("says MALFORMED for anything that is not a v1 code", async () => {
    const { issue, options } = setUpEvent();
    const { code } = issue();
    for (const text of ["", "hello", code.toLowerCase(), code.slice(1), `${code}0`, flipBit(code, 0), flipBit(code, 8 + 1)]) {
      expect(await verifyTicketCode(text, options)).toEqual({ ok: false, reason: "MALFORMED" });
    }
  });

  it("admits from validFrom inclusive until validUntil exclusive", async () => {
    const { issue, options } = setUpEvent();
    const { code } = issue();
    const at = (now: number) => verifyTicketCode(code, { ...options, now });
    expect(await at(DOORS_OPEN.getTime() - 1)).toEqual({ ok: false, reason: "NOT_YET_VALID" });
    expect(await at(DOORS_OPEN.getTime())).toMatchObject({ ok: true });
    expect(await at(EVENT_ENDS.getTime() - 1)).toMatchObject({ ok: true });
    expect(await at(EVENT_ENDS.getTime())).toEqual({ ok: false, reason: "EXPIRED" });
  });

  it("rejects revoked tickets from a Set, an array or a shipped revocation list", async () => {
    const { issue, options, eventId } = setUpEvent();
    const { claims, code } = issue();
    const list = decodeRevocationList(encodeRevocationList({ eventId, generatedAt: DURING, ticketIds: [crypto.randomUUID(), claims.ticketId] }))!;
    for (const revoked of [new Set([claims.ticketId]), [claims.ticketId.toUpperCase()], list]) {
      expect(await verifyTicketCode(code, { ...options, revoked })).toEqual({ ok: false, reason: "REVOKED" });
    }
    expect(await verifyTicketCode(code, { ...options, revoked: [crypto.randomUUID()] })).toMatchObject({ ok: true });
  });

  it("round-trips random claims", async () => {
    const { options, current } = setUpEvent();
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          ticketId: fc.uuid(),
          ticketTypeId: fc.uuid(),
          seatId: fc.option(fc.uuid()),
          validFrom: fc.integer({ min: 0, max: 0xffff_fff0 }),
          duration: fc.integer({ min: 1, max: 0x0fff_ffff }),
          issuedAt: fc.integer({ min: 0, max: 0xffff_ffff }),
          offset: fc.nat(),
        }),
        async ({ ticketId, ticketTypeId, seatId, validFrom, duration, issuedAt, offset }) => {
          const validUntil = Math.min(validFrom + duration, 0xffff_ffff);
          const claims: TicketClaims = {
            ticketId,
            eventId: options.eventId,
            ticketTypeId,
            seatId,
            validFrom: new Date(validFrom * 1000),
            validUntil: new Date(validUntil * 1000),
            keyId: current.stored.keyId,
            issuedAt: new Date(issuedAt * 1000),
          };
          const now = (validFrom + (offset % (validUntil - validFrom))) * 1000;
          const result = await verifyTicketCode(signTicketCode(claims, current.privateKey), { ...options, now });
          expect(result).toEqual({ ok: true, claims });
        },
      ),
      { numRuns: 200 },
    );
  });

  it("never accepts a code with any bit flipped", async () => {
    const { issue, options } = setUpEvent();
    const codes = [issue().code, issue({ seatId: crypto.randomUUID() }).code];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...codes), fc.nat(), async (code, bit) => {
        const flipped = flipBit(code, bit % (decodeBase32(code)!.length * 8));
        expect((await verifyTicketCode(flipped, options)).ok).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it("never accepts a code with any character changed", async () => {
    const { issue, options } = setUpEvent();
    const { code } = issue({ seatId: crypto.randomUUID() });
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: code.length - 1 }), fc.integer({ min: 1, max: 127 }), async (index, charCode) => {
        fc.pre(String.fromCharCode(charCode) !== code[index]);
        const changed = code.slice(0, index) + String.fromCharCode(charCode) + code.slice(index + 1);
        expect((await verifyTicketCode(changed, options)).ok).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it("throws on set-up faults instead of blaming the ticket", async () => {
    const { issue, options, current } = setUpEvent();
    const { code } = issue();
    const badKey = { ...current.verification, publicKey: "AAAA" };
    await expect(verifyTicketCode(code, { ...options, keys: [badKey] })).rejects.toThrow(/32 raw bytes/);
    const otherList = decodeRevocationList(encodeRevocationList({ eventId: crypto.randomUUID(), generatedAt: DURING, ticketIds: [] }))!;
    await expect(verifyTicketCode(code, { ...options, revoked: otherList })).rejects.toThrow(/Revocation list is for event/);
  });

  it("accepts upper-case event ids in the options", async () => {
    const { issue, options } = setUpEvent();
    expect(await verifyTicketCode(issue().code, { ...options, eventId: options.eventId.toUpperCase() })).toMatchObject({ ok: true });
  });
});

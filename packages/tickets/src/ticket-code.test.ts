import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeBase32 } from "./base32.ts";
import { signTicketCode } from "./sign-ticket-code.ts";
import { makeClaims, makeEventKey } from "./testing/factories.ts";
import { encodeTicketCode, MAX_TICKET_CODE_LENGTH, parseTicketCode } from "./ticket-code.ts";

// QR capacity (ISO/IEC 18004), alphanumeric mode, error correction level M:
// version 8 holds 221 characters, version 9 holds 262.
const QR_V8_M_ALPHANUMERIC = 221;
const QR_V9_M_ALPHANUMERIC = 262;

describe("ticket code layout", () => {
  const key = makeEventKey();

  it("is 132 bytes without a seat and 148 with one, all in the QR alphanumeric set", () => {
    const general = signTicketCode(makeClaims({ keyId: key.stored.keyId }), key.privateKey);
    const seated = signTicketCode(makeClaims({ keyId: key.stored.keyId, seatId: crypto.randomUUID() }), key.privateKey);
    expect(decodeBase32(general)).toHaveLength(132);
    expect(decodeBase32(seated)).toHaveLength(148);
    expect(general).toHaveLength(212);
    expect(seated).toHaveLength(237);
    expect(MAX_TICKET_CODE_LENGTH).toBe(237);
    expect(general.length).toBeLessThanOrEqual(QR_V8_M_ALPHANUMERIC);
    expect(seated.length).toBeLessThanOrEqual(QR_V9_M_ALPHANUMERIC);
    expect(general + seated).toMatch(/^[0-9A-Z]+$/);
  });

  it("stays within the bound for any claims", () => {
    fc.assert(
      fc.property(fc.uuid(), fc.uuid(), fc.option(fc.uuid()), fc.integer({ min: 0, max: 0xffff_fffe }), (ticketId, ticketTypeId, seatId, from) => {
        const claims = makeClaims({
          keyId: key.stored.keyId,
          ticketId,
          ticketTypeId,
          seatId,
          validFrom: new Date(from * 1000),
          validUntil: new Date((from + 1) * 1000),
        });
        const code = signTicketCode(claims, key.privateKey);
        expect(code.length).toBeLessThanOrEqual(MAX_TICKET_CODE_LENGTH);
        expect(parseTicketCode(code)?.claims).toEqual({
          ...claims,
          ticketId: ticketId.toLowerCase(),
          ticketTypeId: ticketTypeId.toLowerCase(),
          seatId: seatId?.toLowerCase() ?? null,
        });
      }),
      { numRuns: 200 },
    );
  });

  it("puts the version, flags and key id first", () => {
    const claims = makeClaims({ keyId: key.stored.keyId, seatId: crypto.randomUUID() });
    const body = encodeTicketCode(claims);
    expect(body[0]).toBe(1);
    expect(body[1]).toBe(1);
    expect(Buffer.from(body.subarray(2, 8)).toString("base64url")).toBe(key.stored.keyId);
    expect(Buffer.from(body.subarray(8, 24)).toString("hex")).toBe(claims.ticketId.replaceAll("-", ""));
  });

  it("refuses claims it cannot encode faithfully", () => {
    const keyId = key.stored.keyId;
    expect(() => encodeTicketCode(makeClaims({ keyId, ticketId: "not-a-uuid" }))).toThrow(RangeError);
    expect(() => encodeTicketCode(makeClaims({ keyId: "short" }))).toThrow(RangeError);
    expect(() => encodeTicketCode(makeClaims({ keyId: "abc+/def" }))).toThrow(RangeError);
    expect(() => encodeTicketCode(makeClaims({ keyId, validFrom: new Date(5000), validUntil: new Date(5000) }))).toThrow(RangeError);
    expect(() => encodeTicketCode(makeClaims({ keyId, validUntil: new Date("2107-01-01T00:00:00Z") }))).toThrow(RangeError);
    expect(() => encodeTicketCode(makeClaims({ keyId, issuedAt: new Date(Number.NaN) }))).toThrow(RangeError);
  });

  it("refuses to sign with a key other than the one the claims name", () => {
    const other = makeEventKey();
    expect(() => signTicketCode(makeClaims({ keyId: key.stored.keyId }), other.privateKey)).toThrow(/does not match/);
  });

  it("parses nothing but well-formed v1 codes", () => {
    const code = signTicketCode(makeClaims({ keyId: key.stored.keyId }), key.privateKey);
    expect(parseTicketCode(code)).not.toBeNull();
    expect(parseTicketCode("")).toBeNull();
    expect(parseTicketCode(code.toLowerCase())).toBeNull();
    expect(parseTicketCode(code.slice(0, -8))).toBeNull();
    expect(parseTicketCode(`${code}00000000`)).toBeNull();
    expect(parseTicketCode(`https://example.com/t/${code}`)).toBeNull();
  });
});

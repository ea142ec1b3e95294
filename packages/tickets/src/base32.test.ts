import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CROCKFORD_ALPHABET, decodeBase32, encodeBase32 } from "./base32.ts";

describe("Crockford base32", () => {
  it("round-trips any bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const text = encodeBase32(bytes);
        expect(text).toMatch(/^[0-9A-HJKMNP-TV-Z]*$/);
        expect(decodeBase32(text)).toEqual(bytes);
      }),
    );
  });

  it("has exactly one text form per byte string", () => {
    expect(CROCKFORD_ALPHABET).toHaveLength(32);
    expect(encodeBase32(new Uint8Array([0xff]))).toBe("ZW");
    expect(decodeBase32("ZW")).toEqual(new Uint8Array([0xff]));
    expect(decodeBase32("ZX")).toBeNull(); // non-zero trailing bits
    expect(decodeBase32("zw")).toBeNull(); // lower case is not canonical
    expect(decodeBase32("ZWA")).toBeNull(); // no byte string encodes to 3 characters
    expect(decodeBase32("ZU")).toBeNull();
  });
});

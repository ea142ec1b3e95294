import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { CROCKFORD_ALPHABET } from "./base32.ts";
import { generateShortCode, parseShortCode } from "./short-code.ts";

describe("short codes", () => {
  it("look like K7Q-X2M-PAR and parse back to themselves", () => {
    for (let i = 0; i < 1000; i++) {
      const code = generateShortCode();
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{3}-[0-9A-HJKMNP-TV-Z]{3}-[0-9A-HJKMNP-TV-Z]{3}$/);
      expect(parseShortCode(code)).toEqual({ ok: true, shortCode: code });
    }
  });

  it("are unique over 100k (40 random bits: expected collisions 0.005, so more than 2 means a broken generator)", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 100_000; i++) seen.add(generateShortCode());
    expect(100_000 - seen.size).toBeLessThanOrEqual(2);
  });

  it("use every symbol in every data position", () => {
    const positions = Array.from({ length: 8 }, () => new Set<string>());
    for (let i = 0; i < 5000; i++) {
      [...generateShortCode().replaceAll("-", "").slice(0, 8)].forEach((char, index) => positions[index]!.add(char));
    }
    for (const symbols of positions) expect(symbols.size).toBe(32);
  });

  it("take their bits from the given random source", () => {
    const source = (length: number) => new Uint8Array(length);
    expect(generateShortCode(source)).toBe("000-000-000");
    expect(generateShortCode(() => randomBytes(5))).toMatch(/^.{3}-.{3}-.{3}$/);
    expect(() => generateShortCode(() => new Uint8Array(4))).toThrow(RangeError);
  });

  it("normalise what people type", () => {
    const code = generateShortCode(() => Uint8Array.from([0x00, 0x4a, 0xbc, 0xde, 0xf1]));
    const plain = code.replaceAll("-", "");
    const inputs = [plain, plain.toLowerCase(), ` ${code.toLowerCase()} `, `${plain.slice(0, 4)}-${plain.slice(4)}`, plain.split("").join(" ")];
    for (const input of inputs) expect(parseShortCode(input)).toEqual({ ok: true, shortCode: code });
    // O reads as 0, I and L as 1.
    expect(parseShortCode(code.replaceAll("0", "O"))).toEqual({ ok: true, shortCode: code });
    expect(parseShortCode(code.replaceAll("1", "l"))).toEqual({ ok: true, shortCode: code });
    expect(parseShortCode(code.replaceAll("1", "I"))).toEqual({ ok: true, shortCode: code });
    expect(code).toMatch(/0.*1|1.*0/);
  });

  it("refuse input of the wrong shape", () => {
    for (const input of ["", "K7Q-X2M-PA", "K7Q-X2M-PAR0", "K7Q-X2M-PA*", "U7Q-X2M-PAR"]) {
      expect(parseShortCode(input)).toEqual({ ok: false, reason: "MALFORMED" });
    }
  });

  it("catch every single-character typo and every swap of two characters", () => {
    for (let run = 0; run < 50; run++) {
      const chars = [...generateShortCode().replaceAll("-", "")];
      chars.forEach((original, index) => {
        for (const typo of CROCKFORD_ALPHABET) {
          if (typo === original) continue;
          const typed = chars.with(index, typo).join("");
          expect(parseShortCode(typed), typed).toEqual({ ok: false, reason: "BAD_CHECK" });
        }
        for (let other = index + 1; other < chars.length; other++) {
          if (chars[other] === original) continue;
          const swapped = chars.with(index, chars[other]!).with(other, original).join("");
          expect(parseShortCode(swapped), swapped).toEqual({ ok: false, reason: "BAD_CHECK" });
        }
      });
    }
  });
});

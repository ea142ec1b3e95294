import { describe, expect, it } from "vitest";
import { formatMoney, includedTaxMinor } from "./money.ts";

describe("money", () => {
  it("extracts included tax in whole minor units", () => {
    expect(includedTaxMinor(11900, 1900)).toBe(1900);
    expect(includedTaxMinor(4900, 700)).toBe(321);
    expect(includedTaxMinor(4900, 0)).toBe(0);
    expect(() => includedTaxMinor(10.5, 700)).toThrow(RangeError);
  });

  it("formats by locale and currency exponent", () => {
    expect(formatMoney({ amountMinor: 4900, currency: "EUR" }, "en")).toBe("€49.00");
    expect(formatMoney({ amountMinor: 4900, currency: "JPY" }, "en")).toBe("¥4,900");
  });
});

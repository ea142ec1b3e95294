import { describe, expect, it } from "vitest";
import { computeInvoiceTotals, roundHalfAwayFromZero } from "./compute-invoice-totals.ts";

describe("computeInvoiceTotals", () => {
  it("extracts tax from gross prices per rate", () => {
    const totals = computeInvoiceTotals(
      [
        { description: "Ticket", quantity: 2, unitPriceMinor: 4950, taxRatePercent: 7 },
        { description: "Fee", quantity: 1, unitPriceMinor: 299, taxRatePercent: 19 },
      ],
      "gross",
    );
    expect(totals.taxGroups).toEqual([
      { taxRatePercent: 19, netMinor: 251, taxMinor: 48, grossMinor: 299 }, // 299 x 19/119 = 47.74
      { taxRatePercent: 7, netMinor: 9252, taxMinor: 648, grossMinor: 9900 }, // 9900 x 7/107 = 647.66
    ]);
    expect([totals.netMinor, totals.taxMinor, totals.grossMinor]).toEqual([9503, 696, 10199]);
    expect(totals.lines.map((line) => line.totalMinor)).toEqual([9900, 299]);
  });

  it("rounds once per rate on the sum, not per line", () => {
    // Three lines of 0.99 net at 19 %: per line 0.19 x 3 = 0.57, on the sum 2.97 x 0.19 = 0.5643 -> 0.56.
    const line = { description: "Programme", quantity: 1, unitPriceMinor: 99, taxRatePercent: 19 };
    const totals = computeInvoiceTotals([line, line, line], "net");
    expect(totals.taxGroups).toEqual([{ taxRatePercent: 19, netMinor: 297, taxMinor: 56, grossMinor: 353 }]);
  });

  it("rounds half away from zero, so a credit note mirrors its invoice exactly", () => {
    const lines = [{ description: "Half a cent of tax", quantity: 1, unitPriceMinor: 50, taxRatePercent: 19 }]; // 9.5
    const invoice = computeInvoiceTotals(lines, "net");
    const credit = computeInvoiceTotals(lines, "net", -1);
    expect(invoice.taxMinor).toBe(10);
    expect(credit.taxMinor).toBe(-10);
    expect([credit.netMinor, credit.taxMinor, credit.grossMinor]).toEqual([-invoice.netMinor, -invoice.taxMinor, -invoice.grossMinor]);
    expect(roundHalfAwayFromZero(-2.5)).toBe(-3);
    expect(roundHalfAwayFromZero(56.43)).toBe(56);
  });

  it("works in whole yen for JPY (no minor decimals)", () => {
    const net = computeInvoiceTotals([{ description: "S席", quantity: 3, unitPriceMinor: 3333, taxRatePercent: 10 }], "net");
    expect(net.taxGroups).toEqual([{ taxRatePercent: 10, netMinor: 9999, taxMinor: 1000, grossMinor: 10999 }]); // 999.9 -> 1000
    const gross = computeInvoiceTotals([{ description: "A席", quantity: 1, unitPriceMinor: 1500, taxRatePercent: 10 }], "gross");
    expect(gross.taxGroups).toEqual([{ taxRatePercent: 10, netMinor: 1364, taxMinor: 136, grossMinor: 1500 }]); // 136.36
  });

  it("keeps net + tax = gross in every group, and totals equal the sum of the groups", () => {
    const rates = [0, 5.5, 7, 19, 20];
    for (let seed = 1; seed <= 200; seed++) {
      const lines = Array.from({ length: (seed % 5) + 1 }, (_, i) => ({
        description: `line ${i}`,
        quantity: ((seed * (i + 3)) % 4) + 1,
        unitPriceMinor: ((seed * 7919 * (i + 1)) % 20000) - 2000,
        taxRatePercent: rates[(seed + i) % rates.length] ?? 19,
      }));
      for (const mode of ["net", "gross"] as const) {
        const totals = computeInvoiceTotals(lines, mode);
        for (const group of totals.taxGroups) expect(group.netMinor + group.taxMinor).toBe(group.grossMinor);
        expect(totals.netMinor + totals.taxMinor).toBe(totals.grossMinor);
        expect(totals.lines.reduce((sum, line) => sum + line.totalMinor, 0)).toBe(mode === "net" ? totals.netMinor : totals.grossMinor);
      }
    }
  });

  it("rejects amounts that are not whole minor units", () => {
    expect(() => computeInvoiceTotals([{ description: "x", quantity: 1, unitPriceMinor: 9.99, taxRatePercent: 19 }], "net")).toThrow(RangeError);
    expect(() => computeInvoiceTotals([{ description: "x", quantity: 0.5, unitPriceMinor: 99, taxRatePercent: 19 }], "net")).toThrow(RangeError);
  });
});

import { describe, expect, it } from "vitest";
import { goodwillLines } from "./goodwill-lines.ts";
import type { TSnapshotLine } from "./types.ts";

const line = (taxRatePercent: number, unitPriceMinor: number, quantity = 1, role: TSnapshotLine["role"] = "ticket"): TSnapshotLine => ({
  orderLineId: crypto.randomUUID(),
  role,
  description: "Stalls – Hamlet",
  quantity,
  unitPriceMinor,
  taxRatePercent,
});

describe("goodwillLines", () => {
  it("puts the whole amount on the one rate of a single-rate invoice, in the document's language", () => {
    expect(goodwillLines([line(19, 2500, 2)], 1000, "de")).toEqual([
      { role: "goodwill", description: "Kulanzgutschrift", quantity: 1, unitPriceMinor: 1000, taxRatePercent: 19 },
    ]);
  });

  it("splits over the rates in proportion to their gross (discounts included) and adds up to the amount to the cent", () => {
    const invoiced = [line(19, 3333, 3), line(19, -99, 1, "discount"), line(7, 1001), line(0, 0)];
    for (const amountMinor of [1, 2, 99, 1001, 5000, 10_900]) {
      const lines = goodwillLines(invoiced, amountMinor, "en");
      expect(lines.reduce((sum, l) => sum + l.unitPriceMinor, 0)).toBe(amountMinor);
      expect(lines.every((l) => l.unitPriceMinor > 0 && l.description === "Goodwill credit")).toBe(true);
    }
    // 9,900 at 19% and 1,001 at 7% of 10,901: 5,000 is 4,540.9 and 459.1.
    expect(goodwillLines(invoiced, 5000, "en").map((l) => [l.taxRatePercent, l.unitPriceMinor])).toEqual([
      [19, 4541],
      [7, 459],
    ]);
  });

  it("takes goodwill already refunded off as negative lines, and has nothing for nothing", () => {
    const lines = goodwillLines([line(19, 2500, 2)], -4000, "en");
    expect(lines).toEqual([{ role: "goodwill", description: "Less goodwill credit already refunded", quantity: 1, unitPriceMinor: -4000, taxRatePercent: 19 }]);
    expect(goodwillLines([line(19, 2500)], 0, "en")).toEqual([]);
    expect(() => goodwillLines([line(19, 0)], 100, "en")).toThrow(/no amount/);
  });
});

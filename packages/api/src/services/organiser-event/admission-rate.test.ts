import { describe, expect, it } from "vitest";
import { queueDrainMinutes, suggestAdmissionRate } from "./admission-rate.ts";

describe("suggestAdmissionRate", () => {
  it("lets in what the stock can serve in one hold lifetime", () => {
    // 1,000 tickets, 10-minute holds, half convert, 2 tickets each: 1,000 / (10 x 0.5 x 2) = 100 a minute.
    expect(suggestAdmissionRate({ stock: 1_000, holdTtlSeconds: 600, conversion: 0.5, ticketsPerOrder: 2, overbookPct: 100 })).toBe(100);
    expect(suggestAdmissionRate({ stock: 1_000, holdTtlSeconds: 600, conversion: 0.5, ticketsPerOrder: 2, overbookPct: 150 })).toBe(150);
    expect(suggestAdmissionRate({ stock: 1_000, holdTtlSeconds: 300, conversion: 1, ticketsPerOrder: 2, overbookPct: 100 })).toBe(100);
  });

  it("never suggests less than one a minute, even sold out", () => {
    expect(suggestAdmissionRate({ stock: 0, holdTtlSeconds: 600, conversion: 0.5, ticketsPerOrder: 2, overbookPct: 100 })).toBe(1);
  });

  it("tells how long a queue takes", () => {
    expect(queueDrainMinutes(10_000, 100)).toBe(100);
    expect(queueDrainMinutes(10_001, 100)).toBe(101);
  });
});

import { describe, expect, it } from "vitest";
import { parseMinor, saleLines } from "./sale-money.ts";

describe("box office amounts", () => {
  it("reads what a cashier types as minor units", () => {
    expect(parseMinor("60")).toBe(6000);
    expect(parseMinor("60.5")).toBe(6050);
    expect(parseMinor("60,05")).toBe(6005);
    expect(parseMinor(" 0.10 ")).toBe(10);
    expect(parseMinor("")).toBeNull();
    expect(parseMinor("-5")).toBeNull();
    expect(parseMinor("1.234")).toBeNull();
    expect(parseMinor("abc")).toBeNull();
  });

  it("sells GA types by type and seated types as their zone's best seats", () => {
    const types = [
      { id: "ga", priceZoneId: null, seated: false },
      { id: "stalls", priceZoneId: "zone-1", seated: true },
      { id: "none", priceZoneId: null, seated: false },
    ];
    expect(saleLines(types, { ga: 2, stalls: 3, none: 0 })).toEqual([
      { ticketTypeId: "ga", quantity: 2 },
      { priceZoneId: "zone-1", quantity: 3 },
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { clampPrice, decideDemandPrice, type TDemandInputs, type TRuleSettings } from "./decide-demand-price.ts";
import { simulateDemandPricing } from "./simulate-demand-pricing.ts";

const settings: TRuleSettings = {
  floorMinor: 2000,
  ceilingMinor: 3000,
  stepMinor: 500,
  windowMinutes: 10,
  raiseAtPerMinute: 2,
  scarcityPct: 10,
  lowerAtPerMinute: 0.5,
  minIntervalSeconds: 300,
};
const now = new Date("2026-12-04T18:00:00Z");
const base: TDemandInputs = { now, priceMinor: 2500, changedAt: new Date(now.getTime() - 600_000), soldInWindow: 10, stockLeft: 500, capacity: 1000 };

describe("decideDemandPrice", () => {
  it.each([
    ["velocity exactly at the raise threshold: one step up", {}, {}, { priceMinor: 3000, reason: "VELOCITY" }],
    ["velocity just below the raise threshold, above the lower one: stays", { soldInWindow: 19 }, {}, null],
    ["velocity at the raise threshold", { soldInWindow: 20 }, {}, { priceMinor: 3000, reason: "VELOCITY" }],
    ["raise capped at the ceiling", { soldInWindow: 50, priceMinor: 2800 }, {}, { priceMinor: 3000, reason: "VELOCITY" }],
    ["already at the ceiling: no change", { soldInWindow: 50, priceMinor: 3000 }, {}, null],
    ["stock left exactly at the scarcity threshold", { soldInWindow: 10, stockLeft: 100 }, {}, { priceMinor: 3000, reason: "SCARCITY" }],
    ["stock left one above the scarcity threshold: stays", { soldInWindow: 10, stockLeft: 101 }, {}, null],
    ["no scarcity rule: stays", { soldInWindow: 10, stockLeft: 1 }, { scarcityPct: null }, null],
    ["velocity at the lower threshold: one step down", { soldInWindow: 5 }, {}, { priceMinor: 2000, reason: "QUIET" }],
    ["lower floored", { soldInWindow: 0, priceMinor: 2200 }, {}, { priceMinor: 2000, reason: "QUIET" }],
    ["already at the floor: no change", { soldInWindow: 0, priceMinor: 2000 }, {}, null],
    ["no lower threshold: never falls", { soldInWindow: 0 }, { lowerAtPerMinute: null }, null],
    ["scarcity beats a quiet window", { soldInWindow: 0, stockLeft: 50 }, {}, { priceMinor: 3000, reason: "SCARCITY" }],
    ["within the minimum interval: nothing", { soldInWindow: 50, changedAt: new Date(now.getTime() - 299_999) }, {}, null],
    [
      "exactly the minimum interval later: decides",
      { soldInWindow: 50, changedAt: new Date(now.getTime() - 300_000) },
      {},
      { priceMinor: 3000, reason: "VELOCITY" },
    ],
  ] as const)("%s", (_name, inputs, overrides, expected) => {
    const decision = decideDemandPrice({ ...settings, ...overrides }, { ...base, soldInWindow: 20, ...inputs });
    if (expected === null) expect(decision).toBeNull();
    else expect(decision).toMatchObject(expected);
  });

  it("reports the velocity it decided on", () => {
    expect(decideDemandPrice(settings, { ...base, soldInWindow: 25 })?.velocityPerMinute).toBe(2.5);
  });

  it("clamps into floor..ceiling", () => {
    expect([clampPrice(1000, settings), clampPrice(2500, settings), clampPrice(9000, settings)]).toEqual([2000, 2500, 3000]);
  });
});

describe("simulateDemandPricing", () => {
  it("raises a step per burst, waits the minimum interval, and falls back when sales go quiet", () => {
    const soldPerMinute = [...Array<number>(10).fill(0), ...Array<number>(10).fill(5), ...Array<number>(30).fill(0)];
    const { prices, pricePerMinute } = simulateDemandPricing({
      settings: { ...settings, minIntervalSeconds: 300, windowMinutes: 5, raiseAtPerMinute: 3, lowerAtPerMinute: 0 },
      start: now,
      soldPerMinute,
      startPriceMinor: 2000,
      stockLeftAtStart: 1000,
      capacity: 1000,
    });
    expect(prices.map((p) => [p.reason, p.priceMinor])).toEqual([
      ["START", 2000],
      ["VELOCITY", 2500],
      ["VELOCITY", 3000],
      ["QUIET", 2500],
      ["QUIET", 2000],
    ]);
    // The first burst minute that fills the window (minute 12: 15 sold in 5 minutes) raises at its end.
    expect(prices[1]!.at).toEqual(new Date(now.getTime() + 13 * 60_000));
    expect(prices[2]!.at.getTime() - prices[1]!.at.getTime()).toBe(300_000);
    expect(pricePerMinute).toHaveLength(50);
    expect(pricePerMinute[13]).toBe(2500);
  });

  it("starts at the start price clamped into the floor and ceiling", () => {
    const { prices } = simulateDemandPricing({ settings, start: now, soldPerMinute: [], startPriceMinor: 9999, stockLeftAtStart: null, capacity: null });
    expect(prices).toEqual([{ at: now, priceMinor: 3000, reason: "START", version: 1 }]);
  });
});

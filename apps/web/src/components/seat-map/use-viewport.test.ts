import { describe, expect, it } from "vitest";
import { easeInOut } from "./use-viewport.ts";

describe("easeInOut (the seat map's zoom animation)", () => {
  it("starts at 0, ends at 1, and never leaves that range", () => {
    expect(easeInOut(0)).toBe(0);
    expect(easeInOut(1)).toBe(1);
    expect(easeInOut(0.5)).toBeCloseTo(0.5);
    expect(easeInOut(2)).toBe(1);
  });

  it("a frame stamped before the click (t < 0) is the start, not an overshoot", () => {
    expect(easeInOut(-0.14)).toBe(0);
  });

  it("is monotonic, so a zoom never dips back towards the overview on its way in", () => {
    const ts = [-0.3, -0.1, 0, 0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 1, 1.2];
    const ks = ts.map(easeInOut);
    for (let i = 1; i < ks.length; i++) expect(ks[i]!).toBeGreaterThanOrEqual(ks[i - 1]!);
  });
});

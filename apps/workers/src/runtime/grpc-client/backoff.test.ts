import { describe, expect, it } from "vitest";
import { backoffDelay } from "./backoff.ts";

describe("backoffDelay", () => {
  const backoff = { initialMs: 100, maxMs: 1_000, multiplier: 2 };

  it("doubles per retry up to the cap, jittered within the upper half", () => {
    expect([1, 2, 3, 4, 5].map((retry) => backoffDelay(retry, backoff, () => 0))).toEqual([50, 100, 200, 400, 500]);
    expect([1, 2, 3, 4, 5].map((retry) => backoffDelay(retry, backoff, () => 1))).toEqual([100, 200, 400, 800, 1_000]);
  });

  it("spreads concurrent callers", () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(3, backoff)));
    expect(delays.size).toBeGreaterThan(10);
    for (const delay of delays) expect(delay).toBeGreaterThanOrEqual(200);
  });
});

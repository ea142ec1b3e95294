import { describe, expect, it } from "vitest";
import { nextRestart, RESTART_POLICY } from "./supervisor.ts";

const fresh = (startedAt: number) => ({ startedAt, delayMs: RESTART_POLICY.initialDelayMs, restarts: [] as number[] });

describe("nextRestart", () => {
  it("doubles the delay from 0.5 s up to 15 s and gives up on the sixth exit within a minute", () => {
    const state = fresh(0);
    const delays = [1, 2, 3, 4, 5, 6].map((second) => {
      state.startedAt = second * 1_000 - 100;
      return nextRestart(state, second * 1_000);
    });
    expect(delays).toEqual([500, 1_000, 2_000, 4_000, 8_000, "give-up"]);
  });

  it("caps the delay at 15 s", () => {
    const state = { ...fresh(0), delayMs: 8_000 };
    expect(nextRestart(state, 1_000)).toBe(8_000);
    expect(nextRestart(state, 2_000)).toBe(15_000);
    expect(nextRestart(state, 3_000)).toBe(15_000);
  });

  it("starts again from 0.5 s after a role stayed up 30 s, and forgets restarts older than a minute", () => {
    const state = { startedAt: 0, delayMs: 15_000, restarts: [1_000, 2_000, 3_000, 4_000, 5_000] };
    expect(nextRestart(state, 61_000)).toBe(500);
    expect(state.restarts).toEqual([2_000, 3_000, 4_000, 5_000, 61_000]);
  });
});

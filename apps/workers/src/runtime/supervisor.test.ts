import { describe, expect, it } from "vitest";
import { nextRestart, RESTART_POLICY } from "./supervisor.ts";

const fresh = (startedAt: number) => ({ startedAt, delayMs: RESTART_POLICY.initialDelayMs, restarts: 0 });

/** Six runs of `runMs` each, exiting every `everyMs`: the decision after each exit. */
function sixRuns(runMs: number, everyMs: number) {
  const state = fresh(0);
  return [1, 2, 3, 4, 5, 6].map((run) => {
    state.startedAt = run * everyMs - runMs;
    return nextRestart(state, run * everyMs);
  });
}

describe("nextRestart", () => {
  it("doubles the delay from 0.5 s up to 15 s and gives up on the sixth short run in a row", () => {
    expect(sixRuns(100, 1_000)).toEqual([500, 1_000, 2_000, 4_000, 8_000, "give-up"]);
  });

  it("gives up however slowly each failed start comes: six 25-second runs spread over two and a half minutes", () => {
    expect(sixRuns(25_000, 30_000)).toEqual([500, 1_000, 2_000, 4_000, 8_000, "give-up"]);
  });

  it("caps the delay at 15 s", () => {
    const state = { ...fresh(0), delayMs: 8_000 };
    expect(nextRestart(state, 1_000)).toBe(8_000);
    expect(nextRestart(state, 2_000)).toBe(15_000);
    expect(nextRestart(state, 3_000)).toBe(15_000);
  });

  it("starts again from 0.5 s and a clean count after a role stayed up 30 s", () => {
    const state = { startedAt: 0, delayMs: 15_000, restarts: 5 };
    expect(nextRestart(state, 30_000)).toBe(500);
    expect(state.restarts).toBe(1);
    state.startedAt = 30_500;
    expect(nextRestart(state, 31_000)).toBe(1_000);
    expect(state.restarts).toBe(2);
  });
});

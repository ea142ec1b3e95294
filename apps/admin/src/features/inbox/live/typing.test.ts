import { describe, expect, it } from "vitest";
import { mayNotifyTyping, TYPING_SHOWN_MS, TYPING_THROTTLE_MS, typingAgents } from "./typing.ts";

describe("typing indicator (collision presence)", () => {
  const lastTyped = new Map([
    ["ben", { name: "Ben O.", at: 10_000 }],
    ["ana", { name: "Ana G.", at: 9_000 }],
  ]);

  it("shows whoever typed in the last few seconds, earliest first", () => {
    expect(typingAgents(lastTyped, 10_500)).toEqual([
      { id: "ana", name: "Ana G." },
      { id: "ben", name: "Ben O." },
    ]);
  });

  it("drops a typist TYPING_SHOWN_MS after their last event, not before", () => {
    expect(typingAgents(lastTyped, 9_000 + TYPING_SHOWN_MS - 1).map((agent) => agent.id)).toEqual(["ana", "ben"]);
    expect(typingAgents(lastTyped, 9_000 + TYPING_SHOWN_MS).map((agent) => agent.id)).toEqual(["ben"]);
    expect(typingAgents(lastTyped, 10_000 + TYPING_SHOWN_MS)).toEqual([]);
  });

  it("sends at most one typing event per throttle interval, often enough to stay shown", () => {
    expect(mayNotifyTyping(0, TYPING_THROTTLE_MS - 1)).toBe(false);
    expect(mayNotifyTyping(0, TYPING_THROTTLE_MS)).toBe(true);
    // A steady typist's events arrive before the previous one fades.
    expect(TYPING_THROTTLE_MS).toBeLessThan(TYPING_SHOWN_MS);
  });
});

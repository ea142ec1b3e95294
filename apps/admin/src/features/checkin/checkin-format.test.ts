import { describe, expect, it } from "vitest";
import { agoText, countdownText, groupedToken, percentOf } from "./checkin-format.ts";

describe("check-in wordings", () => {
  const now = Date.parse("2026-12-07T19:00:00Z");

  it("says how long ago", () => {
    expect(agoText(null, now)).toBe("never");
    expect(agoText(new Date(now - 1000), now)).toBe("just now");
    expect(agoText(new Date(now - 12_000), now)).toBe("12 s ago");
    expect(agoText(new Date(now - 4 * 60_000 - 5000), now)).toBe("4 min ago");
    expect(agoText(new Date(now - 2 * 3_600_000), now)).toBe("2 h ago");
    expect(agoText(new Date(now + 5000), now)).toBe("just now");
  });

  it("counts down to an expiry and stops at zero", () => {
    expect(countdownText(new Date(now + 15 * 60_000), now)).toBe("15:00");
    expect(countdownText(new Date(now + 65_500), now)).toBe("1:06");
    expect(countdownText(new Date(now - 1000), now)).toBe("0:00");
  });

  it("groups a token for typing", () => {
    expect(groupedToken("abcd2345wxyz")).toBe("ABCD-2345-WXYZ");
    expect(groupedToken("ABCD-2345-WXYZ")).toBe("ABCD-2345-WXYZ");
  });

  it("gives a bounded percentage", () => {
    expect(percentOf(0, 0)).toBe(0);
    expect(percentOf(1, 3)).toBe(33);
    expect(percentOf(5, 4)).toBe(100);
  });
});

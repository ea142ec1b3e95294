import { describe, expect, it } from "vitest";
import { nextWeek, parseLocalDateTime, toLocalDateTime, tomorrowAtNine } from "./snooze.ts";

describe("snooze presets", () => {
  it("tomorrow is the next day at 9:00 local time", () => {
    const at = tomorrowAtNine(new Date(2026, 11, 6, 18, 30));
    expect(toLocalDateTime(at)).toBe("2026-12-07T09:00");
  });

  it("next week is the coming Monday at 9:00, a full week on from a Monday", () => {
    expect(toLocalDateTime(nextWeek(new Date(2026, 11, 6, 18, 30)))).toBe("2026-12-07T09:00"); // Sunday → Monday
    expect(toLocalDateTime(nextWeek(new Date(2026, 11, 7, 8, 0)))).toBe("2026-12-14T09:00"); // Monday → next Monday
    expect(toLocalDateTime(nextWeek(new Date(2026, 11, 9, 12, 0)))).toBe("2026-12-14T09:00"); // Wednesday
  });

  it("reads a datetime-local value and refuses anything else", () => {
    expect(parseLocalDateTime("2026-12-24T17:45")?.getHours()).toBe(17);
    expect(parseLocalDateTime("")).toBeNull();
    expect(parseLocalDateTime("tomorrow")).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { fromZonedInput, toZonedInput } from "./zoned-time.ts";

describe("zoned time", () => {
  it("reads a wall-clock time in the event's zone, in winter and in summer", () => {
    expect(fromZonedInput("2026-12-07T19:00", "Europe/Berlin")?.toISOString()).toBe("2026-12-07T18:00:00.000Z");
    expect(fromZonedInput("2026-07-01T19:00", "Europe/Berlin")?.toISOString()).toBe("2026-07-01T17:00:00.000Z");
    expect(fromZonedInput("2026-12-07T19:00", "America/New_York")?.toISOString()).toBe("2026-12-08T00:00:00.000Z");
    expect(fromZonedInput("2026-12-07T19:00", "UTC")?.toISOString()).toBe("2026-12-07T19:00:00.000Z");
  });

  it("writes an instant as the zone's wall-clock text, and back", () => {
    const instant = new Date("2026-03-29T00:30:00Z");
    expect(toZonedInput(instant, "Europe/Berlin")).toBe("2026-03-29T01:30");
    expect(fromZonedInput(toZonedInput(instant, "Europe/Berlin"), "Europe/Berlin")?.toISOString()).toBe(instant.toISOString());
    expect(toZonedInput(new Date("2026-12-08T00:00:00Z"), "America/New_York")).toBe("2026-12-07T19:00");
  });

  it("gives nothing for empty or malformed text", () => {
    expect(fromZonedInput("", "Europe/Berlin")).toBeNull();
    expect(fromZonedInput("tomorrow", "Europe/Berlin")).toBeNull();
    expect(toZonedInput(null, "Europe/Berlin")).toBe("");
  });
});

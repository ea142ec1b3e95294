import { describe, expect, it } from "vitest";
import { formatCount, formatDateTime, formatEventDate, formatPrice, formatTime, formatWeekdayTime, parsePrice } from "./format.ts";

// 19:00 UTC is 20:00 in Berlin in winter (CET), 21:00 in summer (CEST).
const winterShow = new Date("2026-12-12T19:00:00Z");
const summerShow = new Date("2026-07-04T19:00:00Z");

describe("dates and times", () => {
  it("shows the venue's local time whatever the machine's time zone", () => {
    expect(formatTime(winterShow)).toBe("20:00");
    expect(formatTime(summerShow)).toBe("21:00");
  });

  it("formats each style the apps use", () => {
    expect(formatEventDate(winterShow)).toBe("Sat, 12 Dec 2026, 20:00");
    expect(formatDateTime(winterShow)).toBe("12 Dec 2026, 20:00");
    expect(formatWeekdayTime(winterShow)).toBe("Sat 12 Dec, 20:00");
  });

  it("keeps the year where the admin table needs it and drops it for the scanner's week", () => {
    expect(formatDateTime(summerShow)).toMatch(/\b2026\b/);
    expect(formatWeekdayTime(summerShow)).not.toMatch(/\b2026\b/);
  });
});

describe("formatCount", () => {
  it("groups thousands", () => {
    expect(formatCount(0)).toBe("0");
    expect(formatCount(2000)).toBe("2,000");
    expect(formatCount(1234567)).toBe("1,234,567");
  });
});

describe("formatPrice", () => {
  it("turns minor units into the currency's major units", () => {
    expect(formatPrice(3900, "EUR")).toBe("€39.00");
    expect(formatPrice(2550, "GBP")).toBe("£25.50");
    expect(formatPrice(0, "EUR")).toBe("€0.00");
  });

  it("uses the currency's own number of decimals", () => {
    // JPY has no minor unit: 1200 minor units are ¥1,200.
    expect(formatPrice(1200, "JPY")).toBe("JP¥1,200");
  });
});

describe("parsePrice", () => {
  it("reads a typed amount as minor units, with a point or a comma", () => {
    expect(parsePrice("10", "EUR")).toBe(1000);
    expect(parsePrice(" 10.5 ", "EUR")).toBe(1050);
    expect(parsePrice("10,05", "EUR")).toBe(1005);
    expect(parsePrice("0.01", "EUR")).toBe(1);
    expect(parsePrice("1200", "JPY")).toBe(1200);
  });

  it("refuses what is not a plain amount in the currency", () => {
    for (const text of ["", "abc", "-5", "1e3", "10.005", "1,000.00", "12.5", "€10"]) {
      expect(parsePrice(text, text === "12.5" ? "JPY" : "EUR"), text).toBeNull();
    }
  });
});

import { describe, expect, it } from "vitest";
import { buildEventCalendar, calendarFileName, escapeIcsText, foldIcsLine, icsDateTime } from "./event-calendar.ts";

const event = {
  id: "0190f5a2-1111-7000-8000-000000000001",
  name: "Hamlet; a tragedy, in five acts",
  description: "Shakespeare's tragedy.\nReserved seating: pick your seats \\ on the map.",
  startsAt: new Date("2026-12-12T19:00:00.000Z"),
  endsAt: new Date("2026-12-12T22:10:00.000Z"),
  venue: { name: "Riverside Hall", address: "Uferstraße 8", city: "Berlin", country: "DE" },
};
const url = "https://tickets.example/events/hamlet-reserved";
const now = new Date("2026-11-26T08:30:05.123Z");

describe("buildEventCalendar", () => {
  it("writes one VEVENT with UTC times, escaped text and CRLF line endings", () => {
    const ics = buildEventCalendar(event, { url, now, domain: "tickets.example" });
    const unfolded = ics.replace(/\r\n /g, "");
    expect(ics.endsWith("\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toContain("\n");
    expect(unfolded.split("\r\n")).toEqual([
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:-//Marquee//Event calendar//EN",
      "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH",
      "BEGIN:VEVENT",
      "UID:event-0190f5a2-1111-7000-8000-000000000001@tickets.example",
      "DTSTAMP:20261126T083005Z",
      "DTSTART:20261212T190000Z",
      "DTEND:20261212T221000Z",
      "SUMMARY:Hamlet\\; a tragedy\\, in five acts",
      "LOCATION:Riverside Hall\\, Uferstraße 8\\, Berlin",
      `DESCRIPTION:Shakespeare's tragedy.\\nReserved seating: pick your seats \\\\ on the map.\\n\\n${url}`,
      `URL:${url}`,
      "END:VEVENT",
      "END:VCALENDAR",
      "",
    ]);
  });

  it("leaves out a missing address", () => {
    const ics = buildEventCalendar({ ...event, venue: { ...event.venue, address: null } }, { url, now });
    expect(ics).toContain("LOCATION:Riverside Hall\\, Berlin\r\n");
    expect(ics).toContain("UID:event-0190f5a2-1111-7000-8000-000000000001@marquee\r\n");
  });

  it("folds every line to at most 75 octets", () => {
    const ics = buildEventCalendar({ ...event, description: "Ä".repeat(200) }, { url, now });
    for (const line of ics.split("\r\n")) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
  });
});

describe("icalendar pieces", () => {
  it("formats UTC date-times without separators or milliseconds", () => {
    expect(icsDateTime(new Date("2027-01-02T03:04:05.999Z"))).toBe("20270102T030405Z");
  });

  it("escapes backslashes first, then separators and newlines", () => {
    expect(escapeIcsText("a\\b;c,d\r\ne\nf")).toBe("a\\\\b\\;c\\,d\\ne\\nf");
  });

  it("folds at octets, not characters, and never splits a character", () => {
    const line = `SUMMARY:${"€".repeat(40)}`;
    const folded = foldIcsLine(line);
    const parts = folded.split("\r\n ");
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.join("")).toBe(line);
    expect(new TextEncoder().encode(parts[0]).length).toBeLessThanOrEqual(75);
    for (const part of parts.slice(1)) expect(new TextEncoder().encode(` ${part}`).length).toBeLessThanOrEqual(75);
    expect(foldIcsLine("SHORT:1")).toBe("SHORT:1");
  });

  it("names the file after the slug", () => {
    expect(calendarFileName("hamlet-reserved")).toBe("hamlet-reserved.ics");
    expect(calendarFileName("../../x y")).toBe("x-y.ics");
  });
});

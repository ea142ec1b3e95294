// An iCalendar (RFC 5545) file for one event, so buyers can add the show to their calendar.
// Pure: the route handler passes the event (from event.get) and the page's absolute URL.

export interface TCalendarEvent {
  id: string;
  name: string;
  description: string;
  startsAt: Date;
  endsAt: Date;
  venue: { name: string; address: string | null; city: string; country: string };
}

/** 20261212T190000Z: a UTC date-time (RFC 5545 3.3.5, form #2). */
export function icsDateTime(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/** Escapes a TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma, and newlines as \n. */
export function escapeIcsText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

const encoder = new TextEncoder();

/**
 * Folds a content line at 75 octets (RFC 5545 3.1): continuation lines start with one space.
 * Counts UTF-8 bytes and never splits a character (code points are kept whole).
 */
export function foldIcsLine(line: string): string {
  const parts: string[] = [];
  let current = "";
  let bytes = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    // The first line holds 75 octets; continuations 74 after their leading space.
    const limit = parts.length === 0 ? 75 : 74;
    if (bytes + size > limit) {
      parts.push(current);
      current = "";
      bytes = 0;
    }
    current += char;
    bytes += size;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

/** The VCALENDAR with one VEVENT, CRLF line endings, folded. */
export function buildEventCalendar(event: TCalendarEvent, options: { url: string; now: Date; domain?: string }): string {
  const location = [event.venue.name, event.venue.address, event.venue.city].filter((part): part is string => Boolean(part && part.trim())).join(", ");
  const description = [event.description.trim(), options.url].filter(Boolean).join("\n\n");
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Marquee//Event calendar//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    "BEGIN:VEVENT",
    `UID:event-${event.id}@${options.domain ?? "marquee"}`,
    `DTSTAMP:${icsDateTime(options.now)}`,
    `DTSTART:${icsDateTime(event.startsAt)}`,
    `DTEND:${icsDateTime(event.endsAt)}`,
    `SUMMARY:${escapeIcsText(event.name)}`,
    `LOCATION:${escapeIcsText(location)}`,
    `DESCRIPTION:${escapeIcsText(description)}`,
    `URL:${options.url}`,
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return lines.map(foldIcsLine).join("\r\n") + "\r\n";
}

/** A safe download name: "hamlet-reserved.ics". */
export function calendarFileName(slug: string): string {
  return `${slug.replace(/[^a-z0-9-]+/gi, "-").replace(/^-+|-+$/g, "") || "event"}.ics`;
}

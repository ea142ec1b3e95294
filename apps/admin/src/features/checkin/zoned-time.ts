// A list's "valid from/until" is typed in the event's time zone (a door in Berlin opens at 19:00
// Berlin time whatever zone the organiser's laptop is in). `<input type="datetime-local">` has no
// zone, so these two convert between its "YYYY-MM-DDTHH:mm" text and an instant in a named zone.

const partsFormat = (timeZone: string) =>
  new Intl.DateTimeFormat("en-CA", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" });

/** The wall-clock text ("2026-12-07T19:00") of an instant in a time zone; "" for none. */
export function toZonedInput(date: Date | null | undefined, timeZone: string): string {
  if (!date) return "";
  const parts = Object.fromEntries(
    partsFormat(timeZone)
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** The zone's offset from UTC at an instant, in minutes (Berlin in winter: 60). */
function offsetMinutes(instant: number, timeZone: string): number {
  const wall = toZonedInput(new Date(instant), timeZone);
  return (Date.parse(`${wall}:00Z`) - (instant - (instant % 60_000))) / 60_000;
}

/** The instant a wall-clock text means in a time zone; null when empty or malformed. */
export function fromZonedInput(value: string, timeZone: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
  if (!match) return null;
  const asUtc = Date.parse(`${value.trim()}:00Z`);
  if (Number.isNaN(asUtc)) return null;
  // Guess with the offset at the UTC reading, then correct once (enough across a DST change).
  const first = asUtc - offsetMinutes(asUtc, timeZone) * 60_000;
  const second = asUtc - offsetMinutes(first, timeZone) * 60_000;
  return new Date(second);
}

/** An instant as "7 Dec 2026, 19:00" in the event's zone. */
export function formatInZone(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone, dateStyle: "medium", timeStyle: "short" }).format(date);
}

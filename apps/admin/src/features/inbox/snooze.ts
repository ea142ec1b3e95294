// The snooze presets, in the agent's own time zone (the browser's): tomorrow at 9:00, and next
// Monday at 9:00; a custom date-time comes from a datetime-local field (also local time).

/** Tomorrow at 9:00 local time. */
export function tomorrowAtNine(from: Date = new Date()): Date {
  const date = new Date(from);
  date.setDate(date.getDate() + 1);
  date.setHours(9, 0, 0, 0);
  return date;
}

/** The coming Monday at 9:00 local time (a week on when today is Monday). */
export function nextWeek(from: Date = new Date()): Date {
  const date = new Date(from);
  const daysToMonday = (8 - date.getDay()) % 7 || 7;
  date.setDate(date.getDate() + daysToMonday);
  date.setHours(9, 0, 0, 0);
  return date;
}

/** A datetime-local field's value ("2026-12-07T09:00") as a Date; null when empty or malformed. */
export function parseLocalDateTime(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A Date as a datetime-local field's value, in local time. */
export function toLocalDateTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

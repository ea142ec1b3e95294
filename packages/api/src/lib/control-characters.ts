// C0 controls (tab, line feed and carriage return excepted) and DEL. NUL in particular cannot be
// stored by PostgreSQL: left alone it reaches the database and ends in a 500.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Whether a text contains a control character no input of ours accepts. */
export const hasControlCharacter = (text: string): boolean => CONTROL.test(text);

/**
 * The path (e.g. "lines.0.seatId") of the first string or object key within `value` that holds a
 * control character, or null when there is none. Walks plain objects and arrays only.
 */
export function findControlCharacter(value: unknown, path: string[] = [], depth = 0): string | null {
  if (typeof value === "string") return hasControlCharacter(value) ? path.join(".") || "(input)" : null;
  if (typeof value !== "object" || value === null || depth > 32) return null;
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((item, index) => [String(index), item]) : Object.entries(value);
  for (const [key, item] of entries) {
    if (hasControlCharacter(key)) return [...path, "(key)"].join(".");
    const found = findControlCharacter(item, [...path, key], depth + 1);
    if (found !== null) return found;
  }
  return null;
}

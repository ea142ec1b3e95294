import { describe, expect, it } from "vitest";
import { firstName, formatAge, formatBytes, slaText } from "./inbox-format.ts";

const NOW = Date.parse("2026-12-06T12:00:00Z");

describe("inbox formatting", () => {
  it("says ages the way help desks do", () => {
    expect(formatAge(new Date(NOW - 20_000), NOW)).toBe("now");
    expect(formatAge(new Date(NOW - 5 * 60_000), NOW)).toBe("5 min");
    expect(formatAge(new Date(NOW - 3 * 3_600_000 - 59_000), NOW)).toBe("3 h");
    expect(formatAge(new Date(NOW - 2 * 86_400_000), NOW)).toBe("2 d");
    expect(formatAge(new Date(NOW - 30 * 86_400_000), NOW)).toBe("4 w");
  });

  it("words the SLA badge with its due time, and nothing when nothing is owed", () => {
    expect(slaText({ kind: null, state: "none", dueAt: null }, NOW)).toBeNull();
    const warning = slaText({ kind: "first-response", state: "warning", dueAt: new Date(NOW + 10 * 60_000) }, NOW);
    expect(warning?.short).toBe("Due in 10 min");
    expect(warning?.long).toMatch(/^First response due by /);
    const breached = slaText({ kind: "next-response", state: "breached", dueAt: new Date(NOW - 2 * 3_600_000) }, NOW);
    expect(breached?.short).toBe("Overdue 2 h");
    expect(breached?.long).toMatch(/^Next response overdue since /);
  });

  it("names people by their first name, or their address when nameless", () => {
    expect(firstName({ name: "Ana Lima", email: "ana@example.com" })).toBe("Ana");
    expect(firstName({ name: null, email: "ben@example.com" })).toBe("ben");
    expect(formatBytes(2_500_000)).toBe("2.4 MB");
  });
});

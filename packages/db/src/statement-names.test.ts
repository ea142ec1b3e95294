import { describe, expect, it } from "vitest";
import { statementNamer } from "./statement-names.ts";

describe("statementNamer", () => {
  it("names each distinct SQL text once, the same name every time", () => {
    const name = statementNamer();
    const a = name({ sql: "SELECT $1", args: [1] });
    expect(a).toMatch(/^mq_[0-9a-f]{24}$/);
    expect(name({ sql: "SELECT $1", args: [2] })).toBe(a);
    expect(name({ sql: "SELECT $1 + 1", args: [2] })).not.toBe(a);
    // Another process (another namer) names the same text alike.
    expect(statementNamer()({ sql: "SELECT $1", args: [3] })).toBe(a);
  });

  it("leaves a query without parameters unnamed (a simple query may hold several statements)", () => {
    expect(statementNamer()({ sql: "SELECT 1; SELECT 2", args: [] })).toBeUndefined();
  });

  it("stops naming new texts at the cap, and keeps the names it gave", () => {
    const name = statementNamer(2);
    const first = name({ sql: "q1 $1", args: [1] });
    expect(name({ sql: "q2 $1", args: [1] })).toBeDefined();
    expect(name({ sql: "q3 $1", args: [1] })).toBeUndefined();
    expect(name({ sql: "q1 $1", args: [1] })).toBe(first);
  });
});

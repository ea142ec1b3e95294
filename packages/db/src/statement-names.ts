import { createHash } from "node:crypto";

/** Distinct statements a process names at most; later ones go unnamed (parsed and planned per call, as before). */
export const MAX_NAMED_STATEMENTS = 200;

/**
 * Names for the pg driver's prepared statements, one per distinct SQL text (a hash of it). pg
 * prepares a named statement once per connection and then only binds and executes it, so
 * PostgreSQL skips parsing, and after a few executions planning, of the queries a server runs on
 * every request (the hold's event read: planning cost more than running it). The count of names is
 * capped, so SQL whose text varies per call cannot grow each connection's statement cache without
 * bound. Returns undefined (an unnamed statement) past the cap, and for a query without
 * parameters: pg sends that one as a simple query, which may hold several statements, and a named
 * one may not.
 */
export function statementNamer(max = MAX_NAMED_STATEMENTS): (query: { sql: string; args: readonly unknown[] }) => string | undefined {
  const names = new Map<string, string>();
  return ({ sql, args }) => {
    if (args.length === 0) return undefined;
    const known = names.get(sql);
    if (known !== undefined || names.size >= max) return known;
    const name = `mq_${createHash("sha256").update(sql).digest("hex").slice(0, 24)}`;
    names.set(sql, name);
    return name;
  };
}

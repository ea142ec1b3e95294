import { describe, expect, it } from "vitest";
import { parsePostgresUrl } from "./postgres.ts";

describe("parsePostgresUrl", () => {
  it("reads what a server we start must accept", () => {
    expect(parsePostgresUrl("postgresql://postgres@127.0.0.1:5432/marquee")).toEqual({
      host: "127.0.0.1",
      port: 5432,
      user: "postgres",
      password: "",
      database: "marquee",
    });
    expect(parsePostgresUrl("postgres://app:p%40ss@localhost/tickets")).toEqual({
      host: "localhost",
      port: 5432,
      user: "app",
      password: "p@ss",
      database: "tickets",
    });
  });
});

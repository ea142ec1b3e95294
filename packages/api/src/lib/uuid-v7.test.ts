import { describe, expect, it } from "vitest";
import { z } from "zod";
import { uuidV7 } from "./uuid-v7.ts";

describe("uuidV7", () => {
  it("is a valid version-7 UUID carrying the time, ordered by time", () => {
    const id = uuidV7(1_790_000_000_123);
    expect(z.uuid({ version: "v7" }).safeParse(id).success).toBe(true);
    expect(parseInt(id.replace(/-/g, "").slice(0, 12), 16)).toBe(1_790_000_000_123);
    expect(uuidV7(1_790_000_000_124) > id).toBe(true);
    expect(new Set(Array.from({ length: 1000 }, () => uuidV7(5))).size).toBe(1000);
  });
});

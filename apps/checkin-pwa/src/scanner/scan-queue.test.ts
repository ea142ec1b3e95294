import { describe, expect, it } from "vitest";
import { newNonce } from "./scan-queue.ts";

describe("newNonce", () => {
  it("is 22 base64url characters, what the server accepts, and never repeats", () => {
    const nonces = Array.from({ length: 10_000 }, newNonce);
    for (const nonce of nonces) expect(nonce).toMatch(/^[\w-]{22}$/);
    expect(new Set(nonces).size).toBe(nonces.length);
  });
});

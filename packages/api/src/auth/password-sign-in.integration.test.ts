import { TEST_PASSWORD, uniqueSuffix } from "@marquee/db/testing";
import type * as Password from "@marquee/db/password";
import { describe, expect, it, vi } from "vitest";
import { useHarness } from "../testing/harness.ts";
import { FAILED_PER_IP, authorizeCredentials, progressiveDelayMs } from "./password-sign-in.ts";

// Counts the password checks, so a test can see that an unknown address is checked too.
const checks = vi.hoisted(() => ({ count: 0 }));
vi.mock("@marquee/db/password", async (importOriginal) => {
  const original = await importOriginal<typeof Password>();
  return { ...original, verifyPassword: (password: string, stored: string) => (checks.count++, original.verifyPassword(password, stored)) };
});

const h = useHarness();
const unknownAddress = () => `nobody-${uniqueSuffix()}@example.test`;

/** Deps from one client address; the delays it would wait are recorded instead of slept. */
function from(ip: string | null) {
  const delays: number[] = [];
  return { deps: { db: h.db, redis: h.redis, redisPrefix: h.redisPrefix, app: "web" as const, ip, sleep: async (ms: number) => void delays.push(ms) }, delays };
}
const randomIp = () => `203.0.113.${Math.floor(Math.random() * 250) + 1}`;

describe("password sign-in", () => {
  it("never locks an address: after 12 failures the right password still signs in, after a growing delay", async () => {
    const user = await h.make.user();
    // An attacker fails from many addresses (the per-client limit is not what stops them here).
    for (let i = 0; i < 12; i++)
      await expect(authorizeCredentials(from(`198.51.100.${i + 1}`).deps, { email: user.email, password: "wrong" })).resolves.toBeNull();
    const owner = from(randomIp());
    await expect(authorizeCredentials(owner.deps, { email: user.email, password: TEST_PASSWORD })).resolves.toMatchObject({ id: user.id });
    expect(owner.delays).toEqual([progressiveDelayMs(12)]);
    expect(progressiveDelayMs(12)).toBe(8000);

    // Success clears the address's count: the next attempt waits for nothing.
    const next = from(randomIp());
    await authorizeCredentials(next.deps, { email: user.email, password: TEST_PASSWORD });
    expect(next.delays).toEqual([]);
  });

  it("slows an address progressively: none for 3 failures, then 0.5 s doubling up to 8 s", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 20].map(progressiveDelayMs)).toEqual([0, 0, 0, 500, 1000, 2000, 4000, 8000, 8000, 8000]);
  });

  it(`refuses a client address after ${FAILED_PER_IP.points} failures across any accounts; other addresses go on`, async () => {
    const attacker = from("192.0.2.77");
    for (let i = 0; i < FAILED_PER_IP.points; i++) await authorizeCredentials(attacker.deps, { email: unknownAddress(), password: "guess" });
    const victim = await h.make.user();
    await expect(authorizeCredentials(attacker.deps, { email: victim.email, password: TEST_PASSWORD })).rejects.toThrow("RATE_LIMITED");
    await expect(authorizeCredentials(from("192.0.2.78").deps, { email: victim.email, password: TEST_PASSWORD })).resolves.toMatchObject({ id: victim.id });
  });

  it("puts requests with no client address in one shared bucket instead of skipping the limit", async () => {
    const nobody = from(null);
    for (let i = 0; i < FAILED_PER_IP.points; i++) await authorizeCredentials(nobody.deps, { email: unknownAddress(), password: "guess" });
    const user = await h.make.user();
    await expect(authorizeCredentials(from(null).deps, { email: user.email, password: TEST_PASSWORD })).rejects.toThrow("RATE_LIMITED");
    await expect(authorizeCredentials(from(randomIp()).deps, { email: user.email, password: TEST_PASSWORD })).resolves.toMatchObject({ id: user.id });
  });

  it("checks a password for unknown addresses and password-less accounts too (no timing hint), answering as for a wrong one", async () => {
    const linkOnly = await h.make.user({ passwordHash: null });
    const before = checks.count;
    await expect(authorizeCredentials(from(randomIp()).deps, { email: unknownAddress(), password: "guess" })).resolves.toBeNull();
    await expect(authorizeCredentials(from(randomIp()).deps, { email: linkOnly.email, password: "guess" })).resolves.toBeNull();
    expect(checks.count - before).toBe(2);
  });

  it("refuses the right password of an address not proven yet (EMAIL_UNVERIFIED); a wrong one answers as usual", async () => {
    const unproven = await h.make.user({ emailVerifiedAt: null });
    await expect(authorizeCredentials(from(randomIp()).deps, { email: unproven.email, password: TEST_PASSWORD })).rejects.toThrow("EMAIL_UNVERIFIED");
    await expect(authorizeCredentials(from(randomIp()).deps, { email: unproven.email, password: "wrong" })).resolves.toBeNull();
  });
});

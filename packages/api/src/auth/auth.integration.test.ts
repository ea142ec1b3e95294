import { TEST_PASSWORD } from "@marquee/db/testing";
import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { useHarness } from "../testing/harness.ts";
import { authorizeCredentials } from "./options.ts";
import { sessionFromRequest } from "./session-from-request.ts";

const h = useHarness();
const SECRET = "test-auth-secret-0123456789abcdef";

describe("credentials sign-in", () => {
  it("accepts the right password (e-mail case-insensitive) and refuses a wrong one", async () => {
    const user = await h.make.user();
    const deps = { db: h.db, redis: h.redis, redisPrefix: h.redisPrefix, app: "web" as const };
    await expect(authorizeCredentials(deps, { email: user.email.toUpperCase(), password: TEST_PASSWORD })).resolves.toMatchObject({ id: user.id });
    await expect(authorizeCredentials(deps, { email: user.email, password: "wrong" })).resolves.toBeNull();
    await expect(authorizeCredentials(deps, { email: "not-an-email", password: "x" })).resolves.toBeNull();
  });

  it("lets only organisers into the console and only door roles into the scanner", async () => {
    const buyer = await h.make.user();
    const organization = await h.make.organization();
    const agent = await h.make.member(organization.id, "SUPPORT_AGENT");
    const door = await h.make.member(organization.id, "DOOR_STAFF");
    const as = (app: "admin" | "checkin", email: string) =>
      authorizeCredentials({ db: h.db, redis: h.redis, redisPrefix: h.redisPrefix, app }, { email, password: TEST_PASSWORD });

    await expect(as("admin", buyer.email)).rejects.toThrow("NO_ACCESS");
    await expect(as("admin", agent.email)).resolves.toMatchObject({ id: agent.id });
    await expect(as("checkin", agent.email)).rejects.toThrow("NO_ACCESS");
    await expect(as("checkin", door.email)).resolves.toMatchObject({ id: door.id });
  });

  it("refuses disabled accounts", async () => {
    const user = await h.make.user({ disabledAt: new Date() });
    await expect(
      authorizeCredentials({ db: h.db, redis: h.redis, redisPrefix: h.redisPrefix, app: "web" }, { email: user.email, password: TEST_PASSWORD }),
    ).resolves.toBeNull();
  });
});

describe("session cookies", () => {
  const cookieName = "marquee-web.session-token";
  const cookieFor = async (sub: string, sessionVersion: number) =>
    new Headers({ cookie: `other=1; ${cookieName}=${await encode({ token: { sub, sessionVersion, app: "web" }, secret: SECRET })}` });

  it("resolve to the user while their session version holds, and stop working once it moves on", async () => {
    const user = await h.make.user();
    const headers = await cookieFor(user.id, 0);
    await expect(sessionFromRequest({ db: h.db, secret: SECRET, cookieName, app: "web" }, headers)).resolves.toMatchObject({ id: user.id, memberships: [] });

    // Sign-out everywhere / role change bumps the version: the same cookie is now worthless.
    await h.db.user.update({ where: { id: user.id }, data: { sessionVersion: { increment: 1 } } });
    await expect(sessionFromRequest({ db: h.db, secret: SECRET, cookieName, app: "web" }, headers)).resolves.toBeNull();
  });

  it("ignore cookies signed with another secret", async () => {
    const user = await h.make.user();
    const forged = new Headers({
      cookie: `${cookieName}=${await encode({ token: { sub: user.id, sessionVersion: 0, app: "web" }, secret: "another-secret-0123456789abcdef" })}`,
    });
    await expect(sessionFromRequest({ db: h.db, secret: SECRET, cookieName, app: "web" }, forged)).resolves.toBeNull();
  });
});

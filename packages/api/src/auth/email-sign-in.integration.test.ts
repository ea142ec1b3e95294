import { startMailCatcher, type CaughtMessageDetail, type MailCatcher } from "@marquee/dev/services/mail-catcher";
import { findFreePort } from "@marquee/dev/services/net";
import { TEST_PASSWORD, uniqueSuffix } from "@marquee/db/testing";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { AuthOptions } from "next-auth";
import { decode, encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMailer, type Mailer } from "../services/mail/create-mailer.ts";
import { TEST_AUTH_SECRET, useHarness } from "../testing/harness.ts";
import { sendSignInLink } from "./email-sign-in.ts";
import { createAuthOptions } from "./options.ts";
import { createMarqueeAdapter, verificationTokenHash } from "./prisma-adapter.ts";
import { sessionFromRequest } from "./session-from-request.ts";
import { markBehindEdgeServer } from "../http/client-ip.ts";

// E-mail sign-in links end to end: next-auth's own request handling (AuthHandler) over our options,
// adapter and SMTP sender, a real mail catcher, real PostgreSQL and Redis.

// next-auth's core handler, which its route handlers wrap (not in its package exports).
interface TAuthRequest {
  action: string;
  method: string;
  providerId?: string;
  cookies: Record<string, string>;
  headers?: Record<string, string>;
  query?: Record<string, string>;
  body?: Record<string, string>;
  error?: string;
}
interface TAuthResponse {
  status?: number;
  body?: unknown;
  redirect?: string;
  cookies?: { name: string; value: string }[];
}
const require = createRequire(import.meta.url);
const { AuthHandler } = require(join(dirname(require.resolve("next-auth")), "core", "index.js")) as {
  AuthHandler: (params: { req: TAuthRequest; options: AuthOptions }) => Promise<TAuthResponse>;
};
const h = useHarness();
let catcher: MailCatcher;
let mailer: Mailer;
let options: AuthOptions;
const ORIGIN = "http://localhost:3000";
const SESSION_COOKIE = "marquee-web.session-token";
const savedNextAuthUrl = process.env.NEXTAUTH_URL;

beforeAll(async () => {
  process.env.NEXTAUTH_URL = ORIGIN;
  catcher = await startMailCatcher({ smtpPort: await findFreePort(), httpPort: await findFreePort() });
  mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${catcher.smtpPort}`, from: "Marquee <tickets@marquee.local>" });
  options = createAuthOptions({ db: h.db, redis: h.redis, redisPrefix: h.redisPrefix, app: "web", secret: TEST_AUTH_SECRET, secureCookies: false, mailer });
});
afterAll(async () => {
  if (savedNextAuthUrl === undefined) delete process.env.NEXTAUTH_URL;
  else process.env.NEXTAUTH_URL = savedNextAuthUrl;
  mailer.close();
  await catcher.close();
});

const caughtFor = async (to: string): Promise<CaughtMessageDetail[]> => {
  const list = (await (await fetch(`${catcher.httpUrl}/messages?to=${encodeURIComponent(to)}`)).json()) as { id: string }[];
  return Promise.all(list.map(async ({ id }) => (await (await fetch(`${catcher.httpUrl}/messages/${id}`)).json()) as CaughtMessageDetail));
};

const auth = (req: TAuthRequest) => AuthHandler({ req: { headers: { host: "localhost:3000" }, ...req }, options });

/** Where next-auth's own /api/auth/verify-request and /api/auth/error send the browser on (our pages). */
async function onward(url: string) {
  const { pathname, searchParams } = new URL(url, ORIGIN);
  const action = pathname.replace("/api/auth/", "");
  if (action !== "verify-request" && action !== "error") return url;
  // The route handlers pass `?error=` on as the request's own field.
  const response = await auth({ action, method: "GET", cookies: {}, query: Object.fromEntries(searchParams), error: searchParams.get("error") ?? undefined });
  return response.redirect ?? "";
}

/** What the browser does on "E-mail me a sign-in link": fetch a CSRF token, then POST the address. */
async function requestLink(email: string) {
  const csrf = await auth({ action: "csrf", method: "GET", cookies: {} });
  const csrfCookie = csrf.cookies!.find((cookie) => cookie.name === "marquee-web.csrf-token")!;
  const response = await auth({
    action: "signin",
    providerId: "email",
    method: "POST",
    cookies: { [csrfCookie.name]: csrfCookie.value },
    body: { email, csrfToken: (csrf.body as { csrfToken: string }).csrfToken, callbackUrl: `${ORIGIN}/account`, json: "true" },
  });
  return onward(response.redirect ?? "");
}

/** Opens the link from the e-mail; answers where next-auth sends the browser and the session cookie it set. */
async function followLink(link: string) {
  const url = new URL(link);
  const response = await auth({ action: "callback", providerId: "email", method: "GET", cookies: {}, query: Object.fromEntries(url.searchParams) });
  return { redirect: await onward(response.redirect ?? ""), session: response.cookies?.find((cookie) => cookie.name === SESSION_COOKIE)?.value };
}

/** The password form: CSRF token, then POST to the credentials callback; answers the redirect and the session cookie. */
async function signInWithPassword(email: string, password: string, headers: Record<string, string> = {}) {
  const csrf = await auth({ action: "csrf", method: "GET", cookies: {} });
  const csrfCookie = csrf.cookies!.find((cookie) => cookie.name === "marquee-web.csrf-token")!;
  const response = await auth({
    action: "callback",
    providerId: "credentials",
    method: "POST",
    cookies: { [csrfCookie.name]: csrfCookie.value },
    headers: { host: "localhost:3000", ...headers },
    body: { email, password, csrfToken: (csrf.body as { csrfToken: string }).csrfToken, callbackUrl: `${ORIGIN}/`, json: "true" },
  });
  return { redirect: await onward(response.redirect ?? ""), session: response.cookies?.find((cookie) => cookie.name === SESSION_COOKIE)?.value };
}

const sessionOf = (cookie: string | undefined) =>
  sessionFromRequest(
    { db: h.db, secret: TEST_AUTH_SECRET, cookieName: SESSION_COOKIE, app: "web" },
    new Headers({ cookie: `${SESSION_COOKIE}=${cookie ?? ""}` }),
  );

const linkIn = (message: CaughtMessageDetail) => /http:\/\/localhost:3000\/api\/auth\/callback\/email\?\S+/.exec(message.text ?? "")?.[0] ?? "";
const address = () => `buyer-${uniqueSuffix()}@example.test`;

describe("e-mail sign-in links", () => {
  it("sign an existing buyer in once, with a session cookie that carries their session version", async () => {
    const user = await h.make.user({ name: "Jürgen", locale: "de", sessionVersion: 3 });
    expect(await requestLink(user.email.toUpperCase())).toBe("/signin/check-email");

    const [message, ...more] = await caughtFor(user.email);
    expect(more).toHaveLength(0);
    expect(message).toMatchObject({ subject: "Ihr Anmeldelink für Marquee", to: [user.email] });
    expect(message!.text).toContain("Hallo Jürgen,");
    expect(message!.text).toContain("15 Minuten");
    const link = linkIn(message!);
    expect(new URL(link).searchParams.get("callbackUrl")).toBe(`${ORIGIN}/account`);

    // Stored hashed: the token in the link appears nowhere in the table.
    const token = new URL(link).searchParams.get("token")!;
    const rows = await h.db.verificationToken.findMany({ where: { identifier: user.email } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).not.toContain(token);
    expect(rows[0]!.expiresAt.getTime() - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(rows[0]!.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(15 * 60_000);

    const first = await followLink(link);
    expect(first.redirect).toBe(`${ORIGIN}/account`);
    const claims = await decode({ token: first.session!, secret: TEST_AUTH_SECRET });
    expect(claims).toMatchObject({ sub: user.id, sessionVersion: 3, app: "web" });
    const session = await sessionFromRequest(
      { db: h.db, secret: TEST_AUTH_SECRET, cookieName: SESSION_COOKIE, app: "web" },
      new Headers({ cookie: `${SESSION_COOKIE}=${first.session}` }),
    );
    expect(session).toMatchObject({ id: user.id, email: user.email });
    expect((await h.db.user.findUniqueOrThrow({ where: { id: user.id } })).emailVerifiedAt).toBeInstanceOf(Date);

    // Single use: the same link again is refused and sets no session.
    const second = await followLink(link);
    expect(second).toEqual({ redirect: "/signin?error=Verification", session: undefined });
    expect(await h.db.verificationToken.count({ where: { identifier: user.email } })).toBe(0);
  });

  it("create a verified buyer account for a new address, in English", async () => {
    const email = address();
    await requestLink(email);
    const [message] = await caughtFor(email);
    expect(message).toMatchObject({ subject: "Your Marquee sign-in link" });
    const { redirect, session } = await followLink(linkIn(message!));
    expect(redirect).toBe(`${ORIGIN}/account`);
    const user = await h.db.user.findUniqueOrThrow({ where: { email } });
    expect(user).toMatchObject({ passwordHash: null, platformRole: "USER", sessionVersion: 0 });
    expect(user.emailVerifiedAt).toBeInstanceOf(Date);
    expect(await decode({ token: session!, secret: TEST_AUTH_SECRET })).toMatchObject({ sub: user.id, sessionVersion: 0 });
  });

  it("refuse a link once it has expired", async () => {
    const user = await h.make.user();
    await requestLink(user.email);
    const [message] = await caughtFor(user.email);
    await h.db.verificationToken.updateMany({ where: { identifier: user.email }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await followLink(linkIn(message!))).toEqual({ redirect: "/signin?error=Verification", session: undefined });
  });

  it("send a disabled account nothing, and refuse its links", async () => {
    const user = await h.make.user({ disabledAt: new Date() });
    // The form answers as for anyone else: no hint that the account is disabled.
    expect(await requestLink(user.email)).toBe("/signin/check-email");
    expect(await caughtFor(user.email)).toHaveLength(0);

    // A link issued before the account was disabled no longer signs in.
    const enabled = await h.make.user();
    await requestLink(enabled.email);
    const [message] = await caughtFor(enabled.email);
    await h.db.user.update({ where: { id: enabled.id }, data: { disabledAt: new Date() } });
    expect(await followLink(linkIn(message!))).toEqual({ redirect: "/signin?error=AccessDenied", session: undefined });
  });

  it("limit links to 5 per address per 15 minutes", async () => {
    const email = address();
    for (let i = 0; i < 5; i++) expect(await requestLink(email)).toContain("/signin/check-email");
    const refused = await requestLink(email);
    expect(new URL(refused, ORIGIN).searchParams.get("error")).toBe("Error: EmailRateLimited");
    expect(await caughtFor(email)).toHaveLength(5);
    expect(await h.redis.ttl(`${h.redisPrefix}:auth:email-link:${email}`)).toBeGreaterThan(800);
  });

  it("leave password sign-in as it was: the credentials callback sets a session with the session version", async () => {
    const user = await h.make.user({ sessionVersion: 5 });
    const { session } = await signInWithPassword(user.email, TEST_PASSWORD);
    expect(await decode({ token: session!, secret: TEST_AUTH_SECRET })).toMatchObject({ sub: user.id, sessionVersion: 5 });
  });

  it("exist only in the shop: the console and the scanner keep passwords only", () => {
    for (const app of ["admin", "checkin"] as const) {
      const other = createAuthOptions({ db: h.db, redis: h.redis, redisPrefix: h.redisPrefix, app, secret: TEST_AUTH_SECRET, secureCookies: false, mailer });
      expect(other.providers.map((provider) => provider.id)).toEqual(["credentials"]);
      expect(other.adapter).toBeUndefined();
      expect(other.pages).toEqual({ signIn: "/signin", error: "/signin" });
    }
    expect(options.providers.map((provider) => provider.id)).toEqual(["credentials", "email"]);
  });
});

describe("an address someone else signed up with", () => {
  it("gives the owner, who proves it by link, an account without the squatter's password or sessions", async () => {
    const email = address();
    const squatter = await (
      await h.callerAs(null)
    ).account.signUp({ name: "Squatter", email, password: "the squatter's password", locale: "en", marketingOptIn: false });
    // The squatter cannot sign in with the password they chose: the address is not theirs to prove.
    expect(await signInWithPassword(email, "the squatter's password")).toEqual({ redirect: "/signin?error=EMAIL_UNVERIFIED", session: undefined });
    // A session they might hold from before (version 0) ...
    const squatterCookie = await encode({ token: { sub: squatter.id, sessionVersion: 0, app: "web" }, secret: TEST_AUTH_SECRET });
    expect(await sessionOf(squatterCookie)).toMatchObject({ id: squatter.id });

    // ... ends when the owner follows the link: the link is worded as a confirmation.
    await requestLink(email);
    const [message] = await caughtFor(email);
    expect(message).toMatchObject({ subject: "Confirm your e-mail address for Marquee" });
    const owner = await followLink(linkIn(message!));
    expect(owner.redirect).toBe(`${ORIGIN}/account`);
    expect(await sessionOf(owner.session)).toMatchObject({ id: squatter.id, email });
    expect(await sessionOf(squatterCookie)).toBeNull();
    const account = await h.db.user.findUniqueOrThrow({ where: { id: squatter.id } });
    expect(account).toMatchObject({ passwordHash: null, sessionVersion: 1 });
    expect(account.emailVerifiedAt).toBeInstanceOf(Date);
    expect((await signInWithPassword(email, "the squatter's password")).session).toBeUndefined();
  });
});

describe("signing out", () => {
  it("retires the cookie: a copy of it is refused on the next request, and a fresh sign-in works", async () => {
    const user = await h.make.user({ sessionVersion: 2 });
    const { session } = await signInWithPassword(user.email, TEST_PASSWORD);
    expect(await sessionOf(session)).toMatchObject({ id: user.id });

    const csrf = await auth({ action: "csrf", method: "GET", cookies: {} });
    const csrfCookie = csrf.cookies!.find((cookie) => cookie.name === "marquee-web.csrf-token")!;
    await auth({
      action: "signout",
      method: "POST",
      cookies: { [csrfCookie.name]: csrfCookie.value, [SESSION_COOKIE]: session! },
      body: { csrfToken: (csrf.body as { csrfToken: string }).csrfToken, callbackUrl: `${ORIGIN}/`, json: "true" },
    });
    expect(await sessionOf(session)).toBeNull();

    const again = await signInWithPassword(user.email, TEST_PASSWORD);
    expect(await sessionOf(again.session)).toMatchObject({ id: user.id });
  });
});

describe("password sign-in through next-auth", () => {
  it("counts failures per client address, the rightmost X-Forwarded-For entry (what the edge server writes) with no trusted proxy", async () => {
    // The apps run behind the edge server (next-edge-server.ts), which writes that entry from the socket.
    markBehindEdgeServer();
    const limited = "198.51.100.40";
    for (let i = 0; i < 30; i++) await signInWithPassword(address(), "guess", { "x-forwarded-for": limited });
    const user = await h.make.user();
    // A left-hand entry the client wrote itself changes nothing: the rightmost entry is the client.
    expect(await signInWithPassword(user.email, TEST_PASSWORD, { "x-forwarded-for": `203.0.113.9, ${limited}` })).toEqual({
      redirect: "/signin?error=RATE_LIMITED",
      session: undefined,
    });
    expect((await signInWithPassword(user.email, TEST_PASSWORD, { "x-forwarded-for": "198.51.100.41" })).session).toBeDefined();
  });
});

describe("the sign-in adapter", () => {
  const adapter = () => createMarqueeAdapter(h.db);

  it("keeps tokens hashed and lets each be used once, for its own address only", async () => {
    const identifier = address();
    const expires = new Date(Date.now() + 60_000);
    await adapter().createVerificationToken!({ identifier, token: "hashed-by-next-auth", expires });
    expect(await h.db.verificationToken.findUnique({ where: { tokenHash: verificationTokenHash("hashed-by-next-auth") } })).toMatchObject({ identifier });
    expect(await h.db.verificationToken.count({ where: { tokenHash: "hashed-by-next-auth" } })).toBe(0);

    await expect(adapter().useVerificationToken!({ identifier: address(), token: "hashed-by-next-auth" })).resolves.toBeNull();
    const uses = await Promise.all([1, 2, 3].map(() => adapter().useVerificationToken!({ identifier, token: "hashed-by-next-auth" })));
    expect(uses.filter(Boolean)).toEqual([{ identifier, token: "hashed-by-next-auth", expires }]);
  });

  it("finds, creates and updates users with what the JWT needs", async () => {
    const user = await h.make.user({ sessionVersion: 2, emailVerifiedAt: null });
    await expect(adapter().getUserByEmail!(user.email.toUpperCase())).resolves.toMatchObject({
      id: user.id,
      sessionVersion: 2,
      disabled: false,
      emailVerified: null,
    });
    await expect(adapter().getUser!(user.id)).resolves.toMatchObject({ id: user.id });
    await expect(adapter().getUser!("not-a-uuid")).resolves.toBeNull();
    const verifiedAt = new Date("2026-11-01T10:00:00Z");
    // The first proof clears the password set before it and moves the session version on; later ones change nothing.
    await expect(adapter().updateUser!({ id: user.id, emailVerified: verifiedAt })).resolves.toMatchObject({ emailVerified: verifiedAt, sessionVersion: 3 });
    expect(await h.db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ passwordHash: null, sessionVersion: 3 });
    await expect(adapter().updateUser!({ id: user.id, emailVerified: new Date() })).resolves.toMatchObject({ emailVerified: verifiedAt, sessionVersion: 3 });

    const email = address();
    const [a, b] = await Promise.all(
      [1, 2].map(() =>
        (adapter().createUser as (user: { email: string; emailVerified: Date | null }) => Promise<{ id: string }>)({ email, emailVerified: verifiedAt }),
      ),
    );
    expect(a!.id).toBe(b!.id);
    expect(await h.db.user.findUniqueOrThrow({ where: { email } })).toMatchObject({ emailVerifiedAt: verifiedAt, passwordHash: null });
  });

  it("sends the link text-and-HTML with the address escaped", async () => {
    const to = address();
    await sendSignInLink(
      { db: h.db, mailer },
      { identifier: to, url: `${ORIGIN}/api/auth/callback/email?token=abc&email=${encodeURIComponent(to)}`, expires: new Date(Date.now() + 15 * 60_000) },
    );
    const [message] = await caughtFor(to);
    expect(message!.text).toContain(`token=abc&email=${encodeURIComponent(to)}`);
    expect(message!.html).toContain(`token=abc&amp;email=`);
  });
});

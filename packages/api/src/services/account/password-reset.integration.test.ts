import { startMailCatcher, type MailCatcher } from "@marquee/dev/services/mail-catcher";
import { findFreePort } from "@marquee/dev/services/net";
import { TEST_PASSWORD, uniqueSuffix } from "@marquee/db/testing";
import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authorizeCredentials } from "../../auth/password-sign-in.ts";
import { fixedClock, systemClock } from "../../clock.ts";
import { QUEUE_NAMES, queuePrefix, type TPasswordResetPayload, notificationPasswordReset } from "../../jobs/index.ts";
import { loadSessionUser } from "../../session.ts";
import { useHarness } from "../../testing/harness.ts";
import { createMailer, type Mailer } from "../mail/create-mailer.ts";
import { hashPasswordResetToken } from "./password-reset-token.ts";
import { type TSendPasswordResetDeps, sendPasswordResetEmail } from "./send-password-reset.ts";

// Forgot password end to end below the browser: the procedure, the job it enqueues, the worker's
// handler with a real SMTP catcher, the link's token, and the reset, on real PostgreSQL and Redis.

const h = useHarness();
let catcher: MailCatcher;
let mailer: Mailer;
let notifications: Queue;
const WEB_URL = "http://localhost:3000";
const NEW_PASSWORD = "a brand new password";

beforeAll(async () => {
  catcher = await startMailCatcher({ smtpPort: await findFreePort(), httpPort: await findFreePort() });
  mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${catcher.smtpPort}`, from: "Marquee <tickets@marquee.local>" });
  notifications = new Queue(QUEUE_NAMES.notification, { connection: h.redis, prefix: queuePrefix(h.redisPrefix, QUEUE_NAMES.notification) });
});
afterAll(async () => {
  await notifications.close();
  mailer.close();
  await catcher.close();
});

const mailDeps = (clock = systemClock): TSendPasswordResetDeps => ({ db: h.db, mailer, clock, webUrl: WEB_URL });
const signInDeps = () => ({ db: h.db, redis: h.redis, redisPrefix: h.redisPrefix, app: "web" as const, sleep: async () => undefined });
const newAddress = () => `reset-${uniqueSuffix()}@example.test`;

/** The reset jobs enqueued for an address (their payloads). */
async function jobsFor(email: string): Promise<TPasswordResetPayload[]> {
  const jobs = await notifications.getJobs(["waiting", "delayed", "prioritized"]);
  return jobs.filter((job) => job.name === notificationPasswordReset.name && job.data.email === email).map((job) => job.data as TPasswordResetPayload);
}

const mailsTo = async (email: string) =>
  (await (await fetch(`${catcher.httpUrl}/messages?to=${encodeURIComponent(email)}`)).json()) as { subject: string; text: string | null }[];

/** Asks for a reset as the form does, runs the worker's job, and answers the token from the e-mailed link. */
async function resetLinkFor(email: string, clock = systemClock): Promise<string> {
  await (await h.callerAs(null)).account.requestPasswordReset({ email });
  const [payload] = (await jobsFor(email)).slice(-1);
  expect(await sendPasswordResetEmail(mailDeps(clock), payload!)).toBe(true);
  const [mail] = await mailsTo(email);
  const token = mail?.text?.match(/\/signin\/reset#token=([A-Za-z0-9_-]{43})/)?.[1];
  expect(token, mail?.text ?? "no mail").toBeTruthy();
  return token!;
}

describe("account.requestPasswordReset", () => {
  it("answers an address with an account and one without alike, and e-mails only the account's owner", async () => {
    const user = await h.make.user({ email: newAddress(), name: "Ada", locale: "de" });
    const unknown = newAddress();
    const caller = await h.callerAs(null);
    const known = await caller.account.requestPasswordReset({ email: user.email.toUpperCase() });
    const missing = await caller.account.requestPasswordReset({ email: unknown });
    expect(known).toEqual(missing);

    // The lookup happens in the job: each request enqueued one, whatever the address.
    const [knownJob] = await jobsFor(user.email);
    const [unknownJob] = await jobsFor(unknown);
    expect(await sendPasswordResetEmail(mailDeps(), unknownJob!)).toBe(false);
    expect(await mailsTo(unknown)).toEqual([]);

    expect(await sendPasswordResetEmail(mailDeps(), knownJob!)).toBe(true);
    // A retried job sends nothing more and mints no other token.
    expect(await sendPasswordResetEmail(mailDeps(), knownJob!)).toBe(false);
    const mails = await mailsTo(user.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe("Setzen Sie Ihr Marquee-Passwort zurück");
    const token = mails[0]!.text!.match(/#token=([A-Za-z0-9_-]{43})/)![1]!;
    // Only the token's hash is stored, bound to the user.
    const rows = await h.db.passwordResetToken.findMany({ where: { userId: user.id } });
    expect(rows).toEqual([expect.objectContaining({ tokenHash: hashPasswordResetToken(token), usedAt: null })]);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it("sends nothing for a disabled account", async () => {
    const user = await h.make.user({ email: newAddress(), disabledAt: new Date() });
    await (await h.callerAs(null)).account.requestPasswordReset({ email: user.email });
    const [job] = await jobsFor(user.email);
    expect(await sendPasswordResetEmail(mailDeps(), job!)).toBe(false);
    expect(await h.db.passwordResetToken.count({ where: { userId: user.id } })).toBe(0);
  });

  it("limits requests per address (whether or not it has an account) and per client address", async () => {
    const email = newAddress();
    const caller = await h.callerAs(null);
    for (let i = 0; i < 5; i++) await caller.account.requestPasswordReset({ email });
    await expect(caller.account.requestPasswordReset({ email })).rejects.toMatchObject({ cause: expect.objectContaining({ code: "RATE_LIMITED" }) });
    expect(await jobsFor(email)).toHaveLength(5);

    const fromOneIp = await h.callerAs(null, { request: { ip: `203.0.113.${Math.floor(Math.random() * 200) + 1}` } });
    for (let i = 0; i < 10; i++) await fromOneIp.account.requestPasswordReset({ email: newAddress() });
    const over = newAddress();
    await expect(fromOneIp.account.requestPasswordReset({ email: over })).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
    expect(await jobsFor(over)).toEqual([]);
  });

  it("refuses a malformed address with VALIDATION_ERROR and enqueues nothing", async () => {
    await expect((await h.callerAs(null)).account.requestPasswordReset({ email: "not-an-address" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("account.resetPassword", () => {
  it("sets the new password once, ends every session and refuses the link a second time", async () => {
    const user = await h.make.user({ email: newAddress() });
    const oldSession = { sub: user.id, sessionVersion: user.sessionVersion };
    const token = await resetLinkFor(user.email);
    const caller = await h.callerAs(null);

    await expect(caller.account.resetPassword({ token, password: NEW_PASSWORD })).resolves.toEqual({ email: user.email });
    expect(await loadSessionUser(h.db, oldSession)).toBeNull();
    await expect(authorizeCredentials(signInDeps(), { email: user.email, password: NEW_PASSWORD })).resolves.toMatchObject({ id: user.id });
    await expect(authorizeCredentials(signInDeps(), { email: user.email, password: TEST_PASSWORD })).resolves.toBeNull();

    const again = caller.account.resetPassword({ token, password: "yet another password" });
    await expect(again).rejects.toMatchObject({ cause: expect.objectContaining({ code: "LINK_EXPIRED" }) });
    await expect(authorizeCredentials(signInDeps(), { email: user.email, password: NEW_PASSWORD })).resolves.toMatchObject({ id: user.id });
  });

  it("refuses an expired link and changes nothing", async () => {
    const user = await h.make.user({ email: newAddress() });
    const clock = fixedClock(new Date());
    const token = await resetLinkFor(user.email, clock);
    clock.advance(31 * 60_000);
    const caller = await h.callerAs(null, { clock });
    await expect(caller.account.resetPassword({ token, password: NEW_PASSWORD })).rejects.toMatchObject({
      cause: expect.objectContaining({ code: "LINK_EXPIRED" }),
    });
    const after = await h.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after).toMatchObject({ passwordHash: user.passwordHash, sessionVersion: user.sessionVersion });
  });

  it("changes only the password of the user the link was sent to", async () => {
    const ada = await h.make.user({ email: newAddress() });
    const bob = await h.make.user({ email: newAddress() });
    const adaToken = await resetLinkFor(ada.email);
    await (await h.callerAs(null)).account.resetPassword({ token: adaToken, password: NEW_PASSWORD });
    const bobAfter = await h.db.user.findUniqueOrThrow({ where: { id: bob.id } });
    expect(bobAfter).toMatchObject({ passwordHash: bob.passwordHash, sessionVersion: bob.sessionVersion });
    await expect(authorizeCredentials(signInDeps(), { email: bob.email, password: NEW_PASSWORD })).resolves.toBeNull();
  });

  it("refuses a link issued before the password changed, and unknown or malformed tokens", async () => {
    const user = await h.make.user({ email: newAddress() });
    const token = await resetLinkFor(user.email);
    const signedIn = await h.callerAs(user.id);
    await signedIn.account.changePassword({ currentPassword: TEST_PASSWORD, newPassword: "changed in between" });
    const caller = await h.callerAs(null);
    await expect(caller.account.resetPassword({ token, password: NEW_PASSWORD })).rejects.toMatchObject({
      cause: expect.objectContaining({ code: "LINK_EXPIRED" }),
    });
    await expect(authorizeCredentials(signInDeps(), { email: user.email, password: "changed in between" })).resolves.toMatchObject({ id: user.id });

    await expect(caller.account.resetPassword({ token: "A".repeat(43), password: NEW_PASSWORD })).rejects.toMatchObject({
      cause: expect.objectContaining({ code: "LINK_EXPIRED" }),
    });
    await expect(caller.account.resetPassword({ token: "short", password: NEW_PASSWORD })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("uses the sign-up password rules", async () => {
    const user = await h.make.user({ email: newAddress() });
    const token = await resetLinkFor(user.email);
    await expect((await h.callerAs(null)).account.resetPassword({ token, password: "too short" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    // Refused input used nothing up: the link still works.
    await expect((await h.callerAs(null)).account.resetPassword({ token, password: NEW_PASSWORD })).resolves.toEqual({ email: user.email });
  });

  it("proves an unproven address: the reset link reached its owner", async () => {
    const user = await h.make.user({ email: newAddress(), emailVerifiedAt: null });
    const token = await resetLinkFor(user.email);
    await (await h.callerAs(null)).account.resetPassword({ token, password: NEW_PASSWORD });
    expect((await h.db.user.findUniqueOrThrow({ where: { id: user.id } })).emailVerifiedAt).toBeInstanceOf(Date);
    await expect(authorizeCredentials(signInDeps(), { email: user.email, password: NEW_PASSWORD })).resolves.toMatchObject({ id: user.id });
  });

  it("voids the user's other unused links when one is used", async () => {
    const user = await h.make.user({ email: newAddress() });
    const first = await resetLinkFor(user.email);
    const firstRow = await h.db.passwordResetToken.findUniqueOrThrow({ where: { tokenHash: hashPasswordResetToken(first) } });
    await h.db.passwordResetToken.create({
      data: {
        id: crypto.randomUUID(),
        userId: user.id,
        tokenHash: hashPasswordResetToken("second"),
        passwordStamp: firstRow.passwordStamp,
        expiresAt: firstRow.expiresAt,
      },
    });
    await (await h.callerAs(null)).account.resetPassword({ token: first, password: NEW_PASSWORD });
    expect(await h.db.passwordResetToken.count({ where: { userId: user.id, usedAt: null } })).toBe(0);
  });
});

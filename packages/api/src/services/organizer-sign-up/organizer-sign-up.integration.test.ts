import { TEST_PASSWORD, uniqueSuffix } from "@marquee/db/testing";
import { describe, expect, it } from "vitest";
import { authorizeCredentials } from "../../auth/password-sign-in.ts";
import { systemClock } from "../../clock.ts";
import type { TOrganizerSignedUpEvent } from "../../jobs/definitions.ts";
import { useHarness } from "../../testing/harness.ts";
import { useMailCatcher } from "../../testing/mail-catcher-kit.ts";
import { sendOrganizerSignUpEmail } from "./send-organizer-sign-up.ts";

// The console's sign-up below the browser: the public procedure, the outbox row it writes, the
// worker's e-mail through a real SMTP catcher, the confirmation (link + password) and sign-in.

const h = useHarness();
const mail = useMailCatcher();
const ADMIN_URL = "http://localhost:3001";
const PASSWORD = "organiser password 1";

const newAddress = () => `organiser-${uniqueSuffix()}@example.test`;
const mailsTo = async (email: string) =>
  (await (await fetch(`${mail.catcher.httpUrl}/messages?to=${encodeURIComponent(email)}`)).json()) as { subject: string; text: string | null }[];
const anonymous = () => h.callerAs(null, { app: "admin", request: { ip: `198.51.100.${Math.floor(Math.random() * 250) + 1}` } });
const signInDeps = () => ({ db: h.db, redis: h.redis, redisPrefix: h.redisPrefix, app: "admin" as const, sleep: async () => undefined });

/** The outbox rows the sign-up wrote for the address, as the relay would hand them to the worker. */
async function eventsFor(email: string): Promise<TOrganizerSignedUpEvent[]> {
  const rows = await h.db.outboxEvent.findMany({ where: { topic: "organizer.signed-up" }, orderBy: { id: "asc" } });
  return rows.map((row) => row.payload as TOrganizerSignedUpEvent).filter((payload) => payload.email === email);
}

async function deliver(email: string) {
  for (const payload of await eventsFor(email))
    await sendOrganizerSignUpEmail({ db: h.db, mailer: mail.mailer, clock: systemClock, webUrl: "http://localhost:3000", adminUrl: ADMIN_URL }, payload);
  return mailsTo(email);
}

const signUpInput = (email: string) => ({
  name: "Olivia Organiser",
  email,
  password: PASSWORD,
  organizationName: "Olivia's Shows",
  country: "AT",
  currency: "EUR" as const,
});

describe("organizerSignUp", () => {
  it("creates the account, its organisation with the user as owner, and mails a link that opens the console with the password", async () => {
    const email = newAddress();
    expect(await (await anonymous()).organizerSignUp.signUp(signUpInput(email.toUpperCase()))).toEqual({ ok: true });
    const user = await h.db.user.findUniqueOrThrow({ where: { email }, include: { memberships: { include: { organization: true } } } });
    expect(user.emailVerifiedAt).toBeNull();
    expect(user.memberships).toMatchObject([{ role: "OWNER", organization: { name: "Olivia's Shows", country: "AT", currency: "EUR" } }]);
    expect(await h.db.auditLog.count({ where: { organizationId: user.memberships[0]!.organizationId, action: "organization.create" } })).toBe(1);
    // Unproven: the password does not open the console yet.
    await expect(authorizeCredentials(signInDeps(), { email, password: PASSWORD })).rejects.toThrow("EMAIL_UNVERIFIED");

    const [mail, ...more] = await deliver(email);
    expect(more).toHaveLength(0);
    expect(mail!.subject).toBe("Confirm your e-mail address for Marquee Console");
    const token = mail!.text!.match(/\/signup\/confirm#token=([A-Za-z0-9_-]{43})/)![1]!;
    const row = await h.db.emailConfirmation.findFirstOrThrow({ where: { userId: user.id } });
    expect(row.tokenHash).not.toContain(token);

    // The link alone is not enough: the password chosen at sign-up goes with it.
    await expect((await anonymous()).organizerSignUp.confirmEmail({ token, password: "not the password" })).rejects.toMatchObject({
      cause: { code: "PASSWORD_INCORRECT" },
    });
    expect(await (await anonymous()).organizerSignUp.confirmEmail({ token, password: PASSWORD })).toEqual({ email });
    await expect(authorizeCredentials(signInDeps(), { email, password: PASSWORD })).resolves.toMatchObject({ id: user.id });
    // Single use.
    await expect((await anonymous()).organizerSignUp.confirmEmail({ token, password: PASSWORD })).rejects.toMatchObject({ cause: { code: "LINK_EXPIRED" } });
  });

  it("answers a taken address exactly the same, changes nothing, and mails 'sign in or reset' instead", async () => {
    const existing = await h.make.user();
    const before = await h.db.user.findUniqueOrThrow({ where: { id: existing.id } });
    expect(await (await anonymous()).organizerSignUp.signUp(signUpInput(existing.email))).toEqual({ ok: true });
    const after = await h.db.user.findUniqueOrThrow({ where: { id: existing.id }, include: { memberships: true } });
    expect(after).toMatchObject({ passwordHash: before.passwordHash, name: before.name, memberships: [] });
    const [mail] = await deliver(existing.email);
    expect(mail!.subject).toBe("You already have a Marquee account");
    expect(mail!.text).toContain(`${ADMIN_URL}/signin`);
    expect(mail!.text).not.toContain("#token=");
    // The original password still signs in to the shop as before.
    await expect(authorizeCredentials({ ...signInDeps(), app: "web" }, { email: existing.email, password: TEST_PASSWORD })).resolves.toMatchObject({
      id: existing.id,
    });
  });

  it("refuses an expired link and bad input with clear codes, and limits sign-ups per client address", async () => {
    const email = newAddress();
    await (await anonymous()).organizerSignUp.signUp(signUpInput(email));
    const [mail] = await deliver(email);
    const token = mail!.text!.match(/#token=([A-Za-z0-9_-]{43})/)![1]!;
    await h.db.emailConfirmation.updateMany({ where: { user: { email } }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect((await anonymous()).organizerSignUp.confirmEmail({ token, password: PASSWORD })).rejects.toMatchObject({ cause: { code: "LINK_EXPIRED" } });
    await expect((await anonymous()).organizerSignUp.signUp({ ...signUpInput(newAddress()), password: "short" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });

    // Per address (any address, with or without an account): 5 per hour.
    const flooded = newAddress();
    for (let i = 0; i < 5; i++) await (await anonymous()).organizerSignUp.signUp(signUpInput(flooded));
    await expect((await anonymous()).organizerSignUp.signUp(signUpInput(flooded))).rejects.toMatchObject({ cause: { code: "RATE_LIMITED" } });
    expect(await eventsFor(flooded)).toHaveLength(5);

    const sameIp = await h.callerAs(null, { app: "admin", request: { ip: "192.0.2.201" } });
    for (let i = 0; i < 20; i++) await sameIp.organizerSignUp.signUp(signUpInput(newAddress()));
    await expect(sameIp.organizerSignUp.signUp(signUpInput(newAddress()))).rejects.toMatchObject({ cause: { code: "RATE_LIMITED" } });
  });
});

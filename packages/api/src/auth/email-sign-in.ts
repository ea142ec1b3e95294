import { randomUUID } from "node:crypto";
import type { Db } from "@marquee/db";
import { toLocale, type TLocale } from "@marquee/documents/locale";
import type { RedisClient } from "../lib/redis-client.ts";
import { RateLimiterRes } from "rate-limiter-flexible";
import { limiter } from "../rate-limit/rate-limited.ts";
import type { Mailer } from "../services/mail/create-mailer.ts";
import { mailMessageId } from "../services/mail/send-mail-once.ts";

export interface EmailSignInDeps {
  db: Db;
  redis: RedisClient;
  redisPrefix: string;
  mailer: Mailer;
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);

/** Sign-in links work for 15 minutes, once. */
export const SIGN_IN_LINK_MAX_AGE_SECONDS = 15 * 60;

// Links asked for per e-mail address: 5 per 15 minutes, so nobody floods an inbox through us.
const LINK_REQUEST_LIMIT = 5;
const LINK_REQUEST_WINDOW_SECONDS = 15 * 60;

/** The `?error=` code the sign-in page gets when an address asked for too many links. */
export const EMAIL_LINK_RATE_LIMITED = "EmailRateLimited";

/** Counts a link request for the address; false once it is over the limit. */
export async function allowSignInLinkRequest(deps: Pick<EmailSignInDeps, "redis" | "redisPrefix">, email: string): Promise<boolean> {
  const requests = limiter(deps.redis, `${deps.redisPrefix}:auth:email-link`, LINK_REQUEST_LIMIT, LINK_REQUEST_WINDOW_SECONDS);
  return requests.consume(email.toLowerCase()).then(
    () => true,
    (error: unknown) => {
      if (error instanceof RateLimiterRes) return false;
      throw error;
    },
  );
}

const COPY = {
  en: {
    subject: "Your Marquee sign-in link",
    greeting: (name: string | null) => (name ? `Hello ${name},` : "Hello,"),
    body: (minutes: number) => `Use the link below to sign in to Marquee. It works once, for ${minutes} minutes.`,
    button: "Sign in to Marquee",
    ignore: "If you did not ask for this e-mail, you can ignore it: nobody can sign in without the link.",
  },
  de: {
    subject: "Ihr Anmeldelink für Marquee",
    greeting: (name: string | null) => (name ? `Hallo ${name},` : "Hallo,"),
    body: (minutes: number) => `Mit dem Link unten melden Sie sich bei Marquee an. Er gilt einmal und ${minutes} Minuten lang.`,
    button: "Bei Marquee anmelden",
    ignore: "Wenn Sie diese E-Mail nicht angefordert haben, können Sie sie ignorieren: Ohne den Link kann sich niemand anmelden.",
  },
} as const;

// An account whose address is not proven yet (just signed up): the same link confirms it.
const CONFIRM_COPY = {
  en: {
    ...COPY.en,
    subject: "Confirm your e-mail address for Marquee",
    body: (minutes: number) => `Use the link below to confirm your e-mail address and sign in to Marquee. It works once, for ${minutes} minutes.`,
    button: "Confirm and sign in",
    ignore: "If you did not create a Marquee account, you can ignore this e-mail: nobody can use the account without the link.",
  },
  de: {
    ...COPY.de,
    subject: "Bestätigen Sie Ihre E-Mail-Adresse für Marquee",
    body: (minutes: number) =>
      `Mit dem Link unten bestätigen Sie Ihre E-Mail-Adresse und melden sich bei Marquee an. Er gilt einmal und ${minutes} Minuten lang.`,
    button: "Bestätigen und anmelden",
    ignore: "Wenn Sie kein Konto bei Marquee angelegt haben, können Sie diese E-Mail ignorieren: Ohne den Link kann niemand das Konto nutzen.",
  },
} as const;

/** The sign-in e-mail (plain text and HTML) in the account's language. */
export function signInLinkEmail(input: { locale: TLocale; url: string; name: string | null; minutes: number; confirm?: boolean }) {
  const copy = (input.confirm ? CONFIRM_COPY : COPY)[input.locale];
  const text = [copy.greeting(input.name), "", copy.body(input.minutes), "", input.url, "", copy.ignore].join("\n");
  const html = [
    `<p>${escapeHtml(copy.greeting(input.name))}</p>`,
    `<p>${escapeHtml(copy.body(input.minutes))}</p>`,
    `<p><a href="${escapeHtml(input.url)}" style="display:inline-block;padding:10px 16px;background:#4338ca;color:#ffffff;border-radius:6px;text-decoration:none">${escapeHtml(copy.button)}</a></p>`,
    `<p style="word-break:break-all">${escapeHtml(input.url)}</p>`,
    `<p style="color:#4b5563">${escapeHtml(copy.ignore)}</p>`,
  ].join("\n");
  return { subject: copy.subject, text, html };
}

/**
 * next-auth's sendVerificationRequest: mails the link in the account's language (worded as a
 * confirmation for an account whose address is not proven yet). A disabled account gets
 * nothing, silently, so the form cannot tell who is disabled.
 */
export async function sendSignInLink(deps: Pick<EmailSignInDeps, "db" | "mailer">, request: { identifier: string; url: string; expires: Date }): Promise<void> {
  const email = request.identifier.toLowerCase();
  const user = await deps.db.user.findUnique({ where: { email }, select: { name: true, locale: true, disabledAt: true, emailVerifiedAt: true } });
  if (user?.disabledAt) return;
  const minutes = Math.max(1, Math.round((request.expires.getTime() - Date.now()) / 60_000));
  const template = signInLinkEmail({
    locale: toLocale(user?.locale),
    url: request.url,
    name: user?.name ?? null,
    minutes,
    confirm: !!user && !user.emailVerifiedAt,
  });
  await deps.mailer.send({ to: email, ...template, messageId: mailMessageId(`sign-in-link:${randomUUID()}`, deps.mailer.from) });
}

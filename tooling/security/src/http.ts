// A small HTTP client for the attacks: tRPC calls as the apps' own client makes them, next-auth's
// credentials sign-in and sign-out as a browser does them, and the SMTP catcher's inbox.
import { sessionCookieName, type AppName } from "@marquee/api/auth/options";

export type { AppName };

export interface Answer {
  status: number;
  body: unknown;
}

/** The cookie under which an app reads its session (plain http: no __Secure- prefix). */
export const cookieNameOf = (app: AppName): string => sessionCookieName(app, false);

const readBody = async (response: Response): Promise<unknown> => {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/** name=value pairs a response set (the attributes dropped). */
export function setCookies(response: Response): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const line of response.headers.getSetCookie()) {
    const pair = line.split(";")[0] ?? "";
    const index = pair.indexOf("=");
    if (index > 0) cookies[pair.slice(0, index).trim()] = pair.slice(index + 1).trim();
  }
  return cookies;
}

export const cookieHeader = (cookies: Record<string, string>): string =>
  Object.entries(cookies)
    .map(([name, value]) => `${name}=${value}`)
    .join("; ");

export interface TrpcCall {
  type: "query" | "mutation";
  cookies?: Record<string, string>;
  headers?: Record<string, string>;
}

/** One tRPC procedure over HTTP (superjson's wire format), with our client's CSRF headers. */
export async function trpc(baseUrl: string, path: string, input: unknown, call: TrpcCall): Promise<Answer> {
  const origin = new URL(baseUrl).origin;
  const headers: Record<string, string> = { "x-trpc-source": "security", origin, ...call.headers };
  if (call.cookies) headers.cookie = cookieHeader(call.cookies);
  const wire = input === undefined ? undefined : JSON.stringify({ json: input });
  const response =
    call.type === "query"
      ? await fetch(`${origin}/api/trpc/${path}${wire === undefined ? "" : `?input=${encodeURIComponent(wire)}`}`, { headers, redirect: "manual" })
      : await fetch(`${origin}/api/trpc/${path}`, {
          method: "POST",
          headers: { ...headers, "content-type": "application/json" },
          body: wire ?? "{}",
          redirect: "manual",
        });
  return { status: response.status, body: await readBody(response) };
}

/** next-auth's CSRF token and the cookie that goes with it. */
async function csrf(baseUrl: string, cookies: Record<string, string> = {}) {
  const response = await fetch(`${baseUrl}/api/auth/csrf`, { headers: { cookie: cookieHeader(cookies) } });
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { csrfToken, cookies: { ...cookies, ...setCookies(response) } };
}

/** Password sign-in through next-auth's credentials callback; the session cookie's value, or null when refused. */
export async function signIn(baseUrl: string, app: AppName, email: string, password: string): Promise<string | null> {
  const { csrfToken, cookies } = await csrf(baseUrl);
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(cookies) },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: baseUrl, json: "true" }),
    redirect: "manual",
  });
  await response.body?.cancel();
  return setCookies(response)[cookieNameOf(app)] || null;
}

/** Signs a session out as the sign-out button does (POST /api/auth/signout with the CSRF token). */
export async function signOut(baseUrl: string, app: AppName, session: string): Promise<void> {
  const { csrfToken, cookies } = await csrf(baseUrl, { [cookieNameOf(app)]: session });
  const response = await fetch(`${baseUrl}/api/auth/signout`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(cookies) },
    body: new URLSearchParams({ csrfToken, callbackUrl: baseUrl, json: "true" }),
    redirect: "manual",
  });
  await response.body?.cancel();
  if (response.status >= 400) throw new Error(`sign-out on ${baseUrl} answered ${response.status}`);
}

/** Asks the shop for an e-mailed sign-in link (the "E-mail me a link" button). */
export async function requestSignInLink(webUrl: string, email: string): Promise<void> {
  const { csrfToken, cookies } = await csrf(webUrl);
  const response = await fetch(`${webUrl}/api/auth/signin/email`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(cookies) },
    body: new URLSearchParams({ email, csrfToken, callbackUrl: `${webUrl}/account`, json: "true" }),
    redirect: "manual",
  });
  await response.body?.cancel();
  if (response.status >= 400) throw new Error(`asking for a sign-in link answered ${response.status}`);
}

export interface CaughtMail {
  id: string;
  subject: string;
  text: string | null;
}

/** The SMTP catcher's messages to one address, newest first. */
export async function mailsTo(mailUrl: string, address: string): Promise<CaughtMail[]> {
  const response = await fetch(`${mailUrl}/messages?to=${encodeURIComponent(address)}`);
  return (await response.json()) as CaughtMail[];
}

/** Polls until `check` answers something (never a fixed sleep). */
export async function pollFor<T>(check: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await check();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

import { cookies, headers } from "next/headers";
import { formatFor } from "~/i18n/format.ts";
import { type Locale, LOCALE_COOKIE, LOCALE_HEADER, isLocale, resolveLocale } from "~/i18n/locales.ts";
import { messagesFor } from "~/i18n/messages/index.ts";

/** The request's language: the one the proxy chose, else the cookie, else Accept-Language. */
export async function getLocale(): Promise<Locale> {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  const chosen = headerList.get(LOCALE_HEADER);
  if (isLocale(chosen)) return chosen;
  return resolveLocale(cookieStore.get(LOCALE_COOKIE)?.value, headerList.get("accept-language"));
}

/**
 * Messages and formatting for server components. Pages rendered once for everyone (cached) pass
 * the `[locale]` route parameter; reading the request instead makes a page dynamic.
 */
export async function getI18n(locale?: Locale) {
  const resolved = locale ?? (await getLocale());
  return { locale: resolved, m: messagesFor(resolved), format: formatFor(resolved) };
}

import { cookies, headers } from "next/headers";
import { type Locale, LOCALE_COOKIE, resolveLocale } from "~/i18n/locales";
import { formatFor } from "~/i18n/format";
import { messagesFor } from "~/i18n/messages";

/** The request's language: the buyer's choice (cookie), else the browser's Accept-Language. */
export async function getLocale(): Promise<Locale> {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  return resolveLocale(cookieStore.get(LOCALE_COOKIE)?.value, headerList.get("accept-language"));
}

/** Messages and formatting for server components. */
export async function getI18n() {
  const locale = await getLocale();
  return { locale, m: messagesFor(locale), format: formatFor(locale) };
}

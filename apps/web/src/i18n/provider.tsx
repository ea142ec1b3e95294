"use client";

import { createContext, type ReactNode, useContext, useMemo } from "react";
import { formatFor, type TFormat } from "~/i18n/format.ts";
import type { Locale } from "~/i18n/locales.ts";
import { messagesFor, type TMessages } from "~/i18n/messages/index.ts";

interface TI18n {
  locale: Locale;
  m: TMessages;
  format: TFormat;
}

const I18nContext = createContext<TI18n | null>(null);

/** Set once in the root layout with the locale the server resolved for this request. */
export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  const value = useMemo(() => ({ locale, m: messagesFor(locale), format: formatFor(locale) }), [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The buyer's language in client components: `const { m, format } = useI18n()`. */
export function useI18n(): TI18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n needs <I18nProvider> (the root layout sets it)");
  return value;
}

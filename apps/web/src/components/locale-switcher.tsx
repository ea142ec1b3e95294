"use client";

import { useRouter } from "next/navigation";
import { useI18n } from "~/i18n/provider.tsx";
import { LOCALE_COOKIE, LOCALE_NAMES, SUPPORTED_LOCALES, isLocale } from "~/i18n/locales.ts";

/** A labelled select; the choice is kept for a year and the page re-renders in it. */
export function LocaleSwitcher() {
  const { locale, m } = useI18n();
  const router = useRouter();
  return (
    <label className="locale-switcher">
      <span>{m.common.language}</span>
      <select
        value={locale}
        onChange={(event) => {
          const next = event.target.value;
          if (!isLocale(next)) return;
          document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
          document.documentElement.lang = next;
          router.refresh();
        }}
      >
        {SUPPORTED_LOCALES.map((option) => (
          <option key={option} value={option} lang={option}>
            {LOCALE_NAMES[option]}
          </option>
        ))}
      </select>
    </label>
  );
}

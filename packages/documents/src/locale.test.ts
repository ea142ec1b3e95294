import { describe, expect, it } from "vitest";
import { DEFAULT_LOCALE, INTL_LOCALE, isLocale, SUPPORTED_LOCALES, toLocale } from "./locale.ts";

describe("locales", () => {
  it("knows every supported language and formats each with an Intl tag", () => {
    for (const locale of SUPPORTED_LOCALES) {
      expect(isLocale(locale)).toBe(true);
      expect(INTL_LOCALE[locale]).toMatch(/^[a-z]{2}-[A-Z]{2}$/);
    }
    expect(SUPPORTED_LOCALES).toContain(DEFAULT_LOCALE);
  });

  it("maps a stored string to a supported language, falling back to the default", () => {
    expect(toLocale("de")).toBe("de");
    expect(toLocale("fr")).toBe(DEFAULT_LOCALE);
    expect(toLocale("DE")).toBe(DEFAULT_LOCALE);
    expect(toLocale(null)).toBe(DEFAULT_LOCALE);
    expect(toLocale(undefined)).toBe(DEFAULT_LOCALE);
    expect(isLocale(42)).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { resolveName, resolveText, resolveTextIn, ZContentTranslations } from "./resolve-content.ts";

const translations = { de: { name: "Sommernacht", description: "Ein Abend im Park.", venueNotes: "   " } };

describe("resolveText: organiser content per language with fallback to the default language", () => {
  it("gives the translation for the requested language", () => {
    expect(resolveTextIn("Summer night", translations, "name", { requested: "de", defaultLanguage: "en" })).toEqual({ text: "Sommernacht", language: "de" });
    expect(resolveText("An evening in the park.", translations, "description", { requested: "de", defaultLanguage: "en" })).toBe("Ein Abend im Park.");
  });

  it("falls back to the base text in the default language when the field is missing or blank", () => {
    expect(resolveTextIn("Side entrance", translations, "venueNotes", { requested: "de", defaultLanguage: "en" })).toEqual({
      text: "Side entrance",
      language: "en",
    });
    expect(resolveTextIn("Photo of the stage", translations, "imageAlt", { requested: "de", defaultLanguage: "en" })).toEqual({
      text: "Photo of the stage",
      language: "en",
    });
  });

  it("uses the base text when the requested language is the default one, or none is requested", () => {
    const german = { en: { name: "Summer night" } };
    expect(resolveTextIn("Sommernacht", german, "name", { requested: "de", defaultLanguage: "de" })).toEqual({ text: "Sommernacht", language: "de" });
    expect(resolveTextIn("Sommernacht", german, "name", { requested: "en", defaultLanguage: "de" })).toEqual({ text: "Summer night", language: "en" });
    expect(resolveText("Sommernacht", german, "name", { requested: undefined, defaultLanguage: "de" })).toBe("Sommernacht");
    expect(resolveText("Sommernacht", german, "name", { requested: null, defaultLanguage: "de" })).toBe("Sommernacht");
  });

  it("treats malformed stored JSON as no translation instead of failing the read", () => {
    for (const junk of [null, "de", 42, [], { de: "Sommernacht" }, { de: { name: 7 } }, { de: null }])
      expect(resolveText("Summer night", junk, "name", { requested: "de", defaultLanguage: "en" })).toBe("Summer night");
  });

  it("resolves row names (sections, zones, ticket types), rows without translations included", () => {
    expect(resolveName({ name: "Stalls", translations: { de: { name: "Parkett" } } }, { requested: "de", defaultLanguage: "en" })).toBe("Parkett");
    expect(resolveName({ name: "Balcony", translations: {} }, { requested: "de", defaultLanguage: "en" })).toBe("Balcony");
    expect(resolveName({ name: "Balcony" }, { requested: "de", defaultLanguage: "en" })).toBe("Balcony");
  });
});

describe("ZContentTranslations: what a console may store", () => {
  it("accepts known languages and fields, trimmed", () => {
    expect(ZContentTranslations.parse({ de: { name: " Sommernacht ", description: "Text" } })).toEqual({ de: { name: "Sommernacht", description: "Text" } });
  });

  it("refuses unknown languages, unknown fields and over-long text", () => {
    expect(ZContentTranslations.safeParse({ fr: { name: "Nuit d'été" } }).success).toBe(false);
    expect(ZContentTranslations.safeParse({ de: { title: "x" } }).success).toBe(false);
    expect(ZContentTranslations.safeParse({ de: { name: "x".repeat(201) } }).success).toBe(false);
  });
});

import { INTL_LOCALE, type Locale } from "./locales.ts";

// Counts in words by each language's plural rules (Intl.PluralRules), never "ticket(s)": English
// and German have "one" and "other", other languages more (Polish "few", "many"), so a message
// gives the forms its language needs and always "other".

/** The forms of one phrase; `#` stands for the count, written in the language's digits ("2,000" / "2.000"). */
export type TPluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

const rules = new Map<Locale, { plural: Intl.PluralRules; number: Intl.NumberFormat }>();

function rulesFor(locale: Locale) {
  let found = rules.get(locale);
  if (!found) rules.set(locale, (found = { plural: new Intl.PluralRules(INTL_LOCALE[locale]), number: new Intl.NumberFormat(INTL_LOCALE[locale]) }));
  return found;
}

/** `plural("en", 1, { one: "# ticket", other: "# tickets" })` → "1 ticket"; 2,000 → "2,000 tickets". */
export function plural(locale: Locale, count: number, forms: TPluralForms): string {
  const { plural: pluralRules, number } = rulesFor(locale);
  const form = forms[pluralRules.select(count)] ?? forms.other;
  return form.replaceAll("#", number.format(count));
}

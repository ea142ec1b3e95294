import { describe, expect, it } from "vitest";
import { currencyDigits, formatDateTime, formatMoney } from "./format.ts";
import { escapeHtml, html } from "./html.ts";

describe("formatMoney", () => {
  it("uses the currency's own minor unit", () => {
    expect(currencyDigits("EUR")).toBe(2);
    expect(currencyDigits("JPY")).toBe(0);
    expect(formatMoney(123456, "EUR", "en")).toBe("€1,234.56");
    expect(formatMoney(123456, "EUR", "de")).toBe("1.234,56\u00a0€");
    expect(formatMoney(1500, "JPY", "en")).toBe("JP¥1,500");
    expect(formatMoney(-1500, "JPY", "de")).toBe("-1.500\u00a0¥");
  });

  it("refuses fractional minor units", () => {
    expect(() => formatMoney(12.5, "EUR", "en")).toThrow(RangeError);
  });
});

describe("formatDateTime", () => {
  it("prints the instant in the given zone", () => {
    const instant = new Date("2026-07-01T18:00:00Z");
    expect(formatDateTime(instant, "Europe/Berlin", "en")).toBe("Wed, 1 Jul 2026, 20:00");
    expect(formatDateTime(instant, "America/New_York", "de")).toBe("Mi., 1. Juli 2026, 14:00");
  });
});

describe("html", () => {
  it("escapes interpolations but not nested trusted fragments", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    const inner = html`<b>${"<i>"}</b>`;
    expect(html`<p>${inner}${"<u>"}${[1, "<2>"]}${null}${false}</p>`.value).toBe("<p><b>&lt;i&gt;</b>&lt;u&gt;1&lt;2&gt;</p>");
  });
});

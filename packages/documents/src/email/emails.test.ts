import { describe, expect, it } from "vitest";
import { escapeHtml } from "../html.ts";
import { SUPPORTED_LOCALES, type TLocale } from "../locale.ts";
import {
  orderConfirmationEmail,
  orderLinkEmail,
  paidAfterExpiryEmail,
  queueAdmissionEmail,
  refundEmail,
  supportAcknowledgementEmail,
  supportReplyEmail,
  type TEmail,
} from "./index.ts";

const EVIL = `<script>alert("x")</script> & Co`;
const event = { name: `Rock & Roll ${EVIL}`, startsAt: new Date("2026-12-12T19:30:00Z"), timeZone: "Europe/Berlin", venueName: "Halle <b>Süd</b>" };
const tickets = [
  { typeName: "Category 1", seat: { section: "B", row: "7", seat: "12" }, shortCode: "K7QF-93XD" },
  { typeName: "Standing", holderName: `Ana ${EVIL}`, shortCode: "M2PL-0ZC4" },
];

interface TCase {
  name: string;
  render: (locale: TLocale) => TEmail;
  /** Facts that must appear in both parts, per language. */
  facts: (locale: TLocale) => string[];
}

const cases: TCase[] = [
  {
    name: "order confirmation",
    render: (locale) =>
      orderConfirmationEmail({
        locale,
        buyerName: `Jürgen ${EVIL}`,
        orderReference: "ORD-7Q2X",
        event,
        tickets,
        totalMinor: 9900,
        currency: "EUR",
        orderUrl: "https://tickets.example/orders/ORD-7Q2X?x=1&y=2",
        orderLinkValidUntil: new Date("2027-01-30T22:00:00Z"),
        buyerHasAccount: false,
        invoiceAttached: true,
      }),
    facts: (locale) => [
      "ORD-7Q2X",
      event.name,
      event.venueName,
      "K7QF-93XD",
      "M2PL-0ZC4",
      `Ana ${EVIL}`,
      "https://tickets.example/orders/ORD-7Q2X?x=1&y=2",
      locale === "en" ? "€99.00" : "99,00\u00a0€",
      locale === "en" ? "Sat, 12 Dec 2026, 20:30" : "Sa., 12. Dez. 2026, 20:30",
      locale === "en" ? "Section B, Row 7, Seat 12" : "Block B, Reihe 7, Platz 12",
      locale === "en" ? "attached" : "Anhang",
    ],
  },
  {
    name: "refund (partial)",
    render: (locale) =>
      refundEmail({
        locale,
        buyerName: `Jürgen ${EVIL}`,
        orderReference: "ORD-7Q2X",
        eventName: event.name,
        scope: "partial",
        amountMinor: 4950,
        currency: "EUR",
        reason: `Seat swap ${EVIL}`,
        creditNoteNumber: "DEMO-2026-CN-000007",
        orderUrl: "https://tickets.example/orders/ORD-7Q2X",
      }),
    facts: (locale) => [
      "ORD-7Q2X",
      event.name,
      `Seat swap ${EVIL}`,
      "DEMO-2026-CN-000007",
      locale === "en" ? "€49.50" : "49,50\u00a0€",
      locale === "en" ? "refunded part of your order" : "einen Teil Ihrer Bestellung",
    ],
  },
  {
    name: "refund (goodwill, tickets stay valid)",
    render: (locale) =>
      refundEmail({
        locale,
        buyerName: "Greta",
        orderReference: "ORD-GW1",
        eventName: event.name,
        scope: "goodwill",
        amountMinor: 1000,
        currency: "EUR",
        reason: "Restricted view",
        creditNoteNumber: "DEMO-2026-CN-000008",
        orderUrl: "https://tickets.example/orders/ORD-GW1",
      }),
    facts: (locale) => [
      "ORD-GW1",
      "Restricted view",
      locale === "en" ? "€10.00" : "10,00\u00a0€",
      locale === "en" ? "As a goodwill gesture" : "Aus Kulanz",
      locale === "en" ? "stay valid" : "bleiben gültig",
    ],
  },
  {
    name: "refund (full, JPY)",
    render: (locale) =>
      refundEmail({
        locale,
        buyerName: "Aiko",
        orderReference: "ORD-JP1",
        eventName: "Tokyo Night",
        scope: "full",
        amountMinor: 12000,
        currency: "JPY",
        orderUrl: "https://tickets.example/orders/ORD-JP1",
      }),
    facts: (locale) => ["ORD-JP1", locale === "en" ? "JP¥12,000" : "12.000\u00a0¥", locale === "en" ? "in full" : "vollständig"],
  },
  {
    name: "paid after expiry: tickets issued",
    render: (locale) =>
      paidAfterExpiryEmail({
        locale,
        outcome: "tickets-issued",
        buyerName: `Jürgen ${EVIL}`,
        orderReference: "ORD-LATE1",
        event,
        tickets,
        orderUrl: "https://tickets.example/orders/ORD-LATE1",
      }),
    facts: (locale) => ["ORD-LATE1", event.name, "K7QF-93XD", locale === "en" ? "still available" : "noch frei"],
  },
  {
    name: "paid after expiry: refunded",
    render: (locale) =>
      paidAfterExpiryEmail({
        locale,
        outcome: "refunded",
        buyerName: `Jürgen ${EVIL}`,
        orderReference: "ORD-LATE2",
        event,
        amountMinor: 4950,
        currency: "EUR",
        eventUrl: "https://tickets.example/events/rock",
      }),
    facts: (locale) => [
      "ORD-LATE2",
      event.name,
      "https://tickets.example/events/rock",
      locale === "en" ? "€49.50" : "49,50\u00a0€",
      locale === "en" ? "refunded your payment in full" : "vollständig erstattet",
    ],
  },
  {
    name: "queue admission",
    render: (locale) =>
      queueAdmissionEmail({
        locale,
        eventName: event.name,
        admissionUrl: "https://tickets.example/q/abc?t=1&s=2",
        expiresAt: new Date("2026-12-01T09:15:00Z"),
        timeZone: "Europe/Berlin",
      }),
    facts: (locale) => [event.name, "https://tickets.example/q/abc?t=1&s=2", locale === "en" ? "Tue, 1 Dec 2026, 10:15" : "Di., 1. Dez. 2026, 10:15"],
  },
  {
    name: "support reply",
    render: (locale) =>
      supportReplyEmail({
        locale,
        customerName: `Jürgen ${EVIL}`,
        agentName: `Sam ${EVIL}`,
        conversationReference: "S-0192AB3C · #1042",
        conversationSubject: "Wrong seat\r\nBcc: victim@example.com",
        message: `Hi!\nWe moved you to row 7.\n${EVIL}`,
        conversationUrl: "https://support.example/c/42",
      }),
    facts: () => [`Sam ${EVIL}`, "S-0192AB3C · #1042", "We moved you to row 7.", EVIL, "https://support.example/c/42"],
  },
];

describe.each(cases)("$name", ({ render, facts }) => {
  it.each(SUPPORTED_LOCALES)("renders in %s with the same key facts in HTML and text", (locale) => {
    const email = render(locale);
    expect(email.subject.length).toBeGreaterThan(5);
    expect(email.subject).not.toMatch(/[\r\n]/);
    expect(email.html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(email.html).toContain(`<html lang="${locale}">`);
    for (const fact of facts(locale)) {
      expect(email.text, `text: ${fact}`).toContain(fact);
      expect(email.html, `html: ${fact}`).toContain(escapeHtml(fact));
    }
  });

  it("escapes user data: no injected tag reaches the HTML", () => {
    const { html } = render("en");
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<b>");
    expect(html).not.toMatch(/ on\w+=/);
    // Inline styles only: mail clients strip <style> blocks and external sheets.
    expect(html).not.toContain("<style");
    expect(html).not.toContain("<link");
  });

  it("differs between the languages", () => {
    expect(render("de").subject).not.toBe(render("en").subject);
    expect(render("de").text).not.toBe(render("en").text);
  });
});

describe("e-mail details", () => {
  it("keeps the support agent's line breaks and strips them from the subject", () => {
    const email = supportReplyEmail({
      locale: "en",
      customerName: "Jo",
      agentName: "Sam",
      conversationReference: "S-0192AB3C · #1042",
      conversationSubject: "Wrong seat\r\nBcc: x@example.com",
      message: "Line one\nLine two",
      conversationUrl: "https://support.example/c/42",
    });
    expect(email.subject).toBe("Re: Wrong seat Bcc: x@example.com");
    expect(email.html).toContain("Line one<br>Line two");
    expect(email.text).toContain("> Line one\n> Line two");
  });

  it("refuses non-http links", () => {
    expect(() => queueAdmissionEmail({ locale: "en", eventName: "X", admissionUrl: "javascript:alert(1)", expiresAt: new Date(), timeZone: "UTC" })).toThrow(
      /javascript:/,
    );
  });

  it("says the PDFs are attached and mentions the invoice only when it is", () => {
    const base = {
      locale: "en" as const,
      buyerName: "Jo",
      orderReference: "O1",
      event,
      tickets,
      totalMinor: 100,
      currency: "EUR",
      orderUrl: "https://t.example/o/1",
      orderLinkValidUntil: new Date("2027-01-30T22:00:00Z"),
      buyerHasAccount: false,
    };
    expect(orderConfirmationEmail({ ...base, invoiceAttached: true }).text).toContain("Your tickets and your invoice are attached");
    expect(orderConfirmationEmail({ ...base, invoiceAttached: false }).text).toContain("Your tickets are attached to this e-mail as a PDF file.");
  });

  it("tells a guest to open the order with its link on any device and never sends them to an account; an account holder hears of it", () => {
    const base = {
      locale: "en" as const,
      buyerName: "Jo",
      orderReference: "O1",
      event,
      tickets,
      totalMinor: 100,
      currency: "EUR",
      orderUrl: "https://t.example/orders/1#token=v1.abc.def",
      orderLinkValidUntil: new Date("2027-01-30T12:00:00Z"),
      invoiceAttached: true,
    };
    const guest = orderConfirmationEmail({ ...base, buyerHasAccount: false });
    expect(guest.text).toContain("Open your order with this link on any device, no account needed");
    expect(guest.text).toContain("https://t.example/orders/1#token=v1.abc.def");
    expect(guest.text).not.toMatch(/your account/i);
    expect(orderConfirmationEmail({ ...base, buyerHasAccount: true }).text).toContain("You can also find the order in your account.");
    const german = orderConfirmationEmail({ ...base, locale: "de", buyerHasAccount: false });
    expect(german.text).toContain("auf jedem Gerät, ohne Konto");
    expect(german.text).not.toContain("Ihrem Konto");
  });

  it("sends the order link again and acknowledges a support message with its reference and the way back", () => {
    const link = orderLinkEmail({
      locale: "en",
      buyerName: "Jo",
      orderReference: "MQ-1",
      eventName: "Show",
      orderUrl: "https://t.example/orders/1#token=v1.a.b",
      validUntil: new Date("2027-01-30T12:00:00Z"),
      timeZone: "Europe/Berlin",
    });
    expect(link.subject).toBe("Your link to order MQ-1");
    expect(link.text).toContain("https://t.example/orders/1#token=v1.a.b");
    expect(link.text).toContain("30 Jan 2027");
    const ack = supportAcknowledgementEmail({
      locale: "de",
      customerName: null,
      conversationReference: "S-1A2B3C4D",
      conversationSubject: "Rollstuhlplatz",
      orderReference: "MQ-1",
      conversationUrl: "https://t.example/support/1#token=v1.a.b",
    });
    expect(ack.subject).toBe("Wir haben Ihre Nachricht erhalten: Rollstuhlplatz");
    expect(ack.text).toContain("S-1A2B3C4D");
    expect(ack.text).toContain("MQ-1");
    expect(ack.text).toContain("https://t.example/support/1#token=v1.a.b");
  });

  it("greets without a name when the waiting room has none", () => {
    expect(
      queueAdmissionEmail({ locale: "de", eventName: "X", admissionUrl: "https://q.example/a", expiresAt: new Date(), timeZone: "UTC" }).text.startsWith(
        "Hallo,\n",
      ),
    ).toBe(true);
  });
});

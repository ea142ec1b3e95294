import { describe, expect, it } from "vitest";
import { ticketData } from "../testing/fixtures.ts";
import { decodeQrPng, readPdf, screenshotPage } from "../testing/pdf.ts";
import { renderTicketPdf } from "./render-ticket-pdf.ts";

describe("renderTicketPdf", () => {
  it("renders one page per ticket with every fact in the text layer", async () => {
    const data = ticketData({}, 3);
    const pdf = await renderTicketPdf(data);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdf.subarray(-6).toString("latin1")).toContain("%%EOF");

    const { pages, pageTexts } = await readPdf(pdf);
    expect(pages).toBe(3);
    data.tickets.forEach((ticket, index) => {
      const text = pageTexts[index];
      // 19:30 UTC is 20:30 in Berlin, whatever zone the test machine runs in.
      for (const fact of [
        data.event.name,
        "Sat, 12 Dec 2026, 20:30",
        "19:30",
        "Stadthalle Süd",
        "Musterstraße 12",
        "10115 Berlin",
        ticket.typeName,
        data.order.reference,
        ticket.shortCode,
        "€49.50",
        `Ticket ${index + 1} of 3`,
      ]) {
        expect(text, `page ${index + 1}`).toContain(fact);
      }
      expect(text).toContain(ticket.holderName ?? data.order.buyerName);
    });
    expect(pageTexts[0]).toContain("Section B · Row 7 · Seat 12");
    expect(pageTexts[1]).toContain("General admission");
  });

  it("encodes each ticket's signed code in a QR code that a scanner reads back from the rendered page", async () => {
    const data = ticketData({}, 2);
    const pdf = await renderTicketPdf(data);
    for (const [index, ticket] of data.tickets.entries()) {
      const png = await screenshotPage(pdf, index + 1, 2);
      expect(decodeQrPng(png)).toBe(ticket.signedCode);
    }
  });

  it("prints the date in the event's zone and the buyer's language", async () => {
    const data = ticketData({ locale: "de" }, 1);
    data.event = { ...data.event, name: "Jazz in New York", timeZone: "America/New_York", startsAt: new Date("2026-12-13T01:00:00Z"), doorsAt: undefined };
    const { pageTexts } = await readPdf(await renderTicketPdf(data));
    expect(pageTexts[0]).toContain("Sa., 12. Dez. 2026, 20:00");
    expect(pageTexts[0]).toContain("Block B · Reihe 7 · Platz 12");
    expect(pageTexts[0]).toContain("49,50 €");
    expect(pageTexts[0]).toContain("Ticket 1 von 1");
    expect(pageTexts[0]).not.toContain("EINLASS"); // no doors time given: the label is left out
  });

  it("refuses an order without tickets", async () => {
    await expect(renderTicketPdf(ticketData({}, 0))).rejects.toThrow(/at least one ticket/);
  });
});

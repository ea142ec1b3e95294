import { describe, expect, it } from "vitest";
import { creditNoteData, invoiceData } from "../testing/fixtures.ts";
import { readPdf } from "../testing/pdf.ts";
import { renderInvoicePdf } from "./render-invoice-pdf.ts";

describe("renderInvoicePdf", () => {
  it("renders an English invoice with seller, buyer, lines, tax breakdown and totals", async () => {
    const data = invoiceData("en");
    const pdf = await renderInvoicePdf(data);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const { pages, pageTexts } = await readPdf(pdf);
    expect(pages).toBe(1);
    const text = pageTexts[0];
    for (const fact of [
      "Invoice",
      "Demo Konzerte GmbH",
      "Hauptstraße 1",
      "VAT ID: DE123456789",
      "Jürgen Groß",
      "juergen@example.com",
      "80331 München",
      data.number,
      "20 November 2026",
      "12 December 2026",
      "Nachtkonzert im Park: Category 1 2 €49.50 7% €99.00",
      "Service fee 1 €2.99 19% €2.99",
      "19% €2.51 €0.48 €2.99",
      "7% €92.52 €6.48 €99.00",
      "Net total €95.03",
      "VAT total €6.96",
      "Total €101.99",
      "Payment reference: pi_3QdemoABC123",
      "Page 1 of 1",
    ]) {
      expect(text).toContain(fact);
    }
  });

  it("renders German labels and number formats", async () => {
    const { pageTexts } = await readPdf(await renderInvoicePdf(invoiceData("de")));
    for (const fact of ["Rechnung", "USt-IdNr.: DE123456789", "20. November 2026", "49,50 €", "7 %", "Gesamtbetrag 101,99 €", "Seite 1 von 1"]) {
      expect(pageTexts[0]).toContain(fact);
    }
  });

  it("renders a credit note with negated amounts and the original invoice number", async () => {
    const data = creditNoteData("en", "DEMO-2026-000042");
    const { pageTexts } = await readPdf(await renderInvoicePdf(data));
    const text = pageTexts[0];
    expect(text?.startsWith("Credit note")).toBe(true);
    for (const fact of [
      "Original invoice DEMO-2026-000042",
      "from invoice DEMO-2026-000042",
      "-€49.50",
      "-€99.00",
      "Total credited -€101.99",
      "VAT total -€6.96",
    ]) {
      expect(text).toContain(fact);
    }
  });

  it("formats JPY without decimals", async () => {
    const data = invoiceData("en", {
      currency: "JPY",
      priceMode: "net",
      lines: [{ description: "Seat S", quantity: 3, unitPriceMinor: 3333, taxRatePercent: 10 }],
    });
    const { pageTexts } = await readPdf(await renderInvoicePdf(data));
    for (const fact of ["JP¥3,333", "JP¥9,999", "VAT total JP¥1,000", "Total JP¥10,999", "Prices exclude VAT."]) expect(pageTexts[0]).toContain(fact);
    expect(pageTexts[0]).not.toMatch(/¥[\d,]+\.\d/);
  });

  it("runs onto further pages for long orders and numbers them", async () => {
    const lines = Array.from({ length: 60 }, (_, i) => ({ description: `Ticket ${i + 1}`, quantity: 1, unitPriceMinor: 2500, taxRatePercent: 7 }));
    const { pages, pageTexts } = await readPdf(await renderInvoicePdf(invoiceData("en", { lines })));
    expect(pages).toBeGreaterThan(1);
    expect(pageTexts.at(-1)).toContain(`Page ${pages} of ${pages}`);
    expect(pageTexts.join(" ")).toContain("Total €1,500.00");
  });
});

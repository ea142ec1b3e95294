import type { TCreditNoteData, TInvoiceDocumentData } from "../invoice/invoice-data.ts";
import type { TLocale } from "../locale.ts";
import type { TTicketPdfData } from "../ticket/ticket-data.ts";

// Test and benchmark data; unique values per call keep parallel tests apart.
let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`.toUpperCase();

export function ticketData(overrides: Partial<TTicketPdfData> = {}, ticketCount = 2): TTicketPdfData {
  const id = unique();
  return {
    locale: "en",
    currency: "EUR",
    order: { reference: `ORD-${id}`, buyerName: "Jürgen Groß" },
    event: {
      name: "Nachtkonzert im Park",
      startsAt: new Date("2026-12-12T19:30:00Z"),
      doorsAt: new Date("2026-12-12T18:30:00Z"),
      timeZone: "Europe/Berlin",
      venue: { name: "Stadthalle Süd", address: { line1: "Musterstraße 12", postalCode: "10115", city: "Berlin", country: "Germany" } },
    },
    tickets: Array.from({ length: ticketCount }, (_, index) => ({
      typeName: index === 0 ? "Category 1" : "Student",
      seat: index === 0 ? { section: "B", row: "7", seat: String(12 + index) } : undefined,
      holderName: index === 1 ? "Ana Müller" : undefined,
      shortCode: `K7Q${index}-${id.slice(-4)}`,
      signedCode: `mq1.${id}.${index}.eyJ0IjoiVEtUIiwiZSI6IkVWVCJ9.c2lnbmF0dXJlLXBsYWNlaG9sZGVyLTAxMjM0NTY3ODk`,
      priceMinor: 4950,
    })),
    ...overrides,
  };
}

export function invoiceData(locale: TLocale = "en", overrides: Partial<TInvoiceDocumentData> = {}): TInvoiceDocumentData {
  return {
    kind: "invoice",
    locale,
    number: `DEMO-2026-${unique()}`,
    issueDate: new Date("2026-11-20T10:00:00Z"),
    supplyDate: new Date("2026-12-12T19:30:00Z"),
    timeZone: "Europe/Berlin",
    seller: {
      name: "Demo Konzerte GmbH",
      address: { line1: "Hauptstraße 1", postalCode: "20095", city: "Hamburg", country: "Germany" },
      vatId: "DE123456789",
      email: "billing@demo.example",
    },
    buyer: { name: "Jürgen Groß", email: "juergen@example.com", address: { line1: "Lindenweg 3", postalCode: "80331", city: "München", country: "Germany" } },
    currency: "EUR",
    priceMode: "gross",
    lines: [
      { description: "Nachtkonzert im Park: Category 1", quantity: 2, unitPriceMinor: 4950, taxRatePercent: 7 },
      { description: "Service fee", quantity: 1, unitPriceMinor: 299, taxRatePercent: 19 },
    ],
    paymentReference: "pi_3QdemoABC123",
    ...overrides,
  };
}

/** A credit note refunding the whole of invoiceData()'s order. */
export function creditNoteData(locale: TLocale = "en", originalInvoiceNumber = "DEMO-2026-000042"): TCreditNoteData {
  return { ...invoiceData(locale), kind: "credit-note", number: `DEMO-2026-CN-${unique()}`, originalInvoiceNumber };
}

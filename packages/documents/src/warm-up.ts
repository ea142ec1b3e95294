// One small ticket PDF and one invoice PDF rendered at a worker's start-up, so the first buyer's
// documents do not pay for what is lazy (react-pdf's layout engine, fonts, the QR encoder, the
// JIT): a worker says it is ready only after this.
import { renderInvoicePdf } from "./invoice/render-invoice-pdf.ts";
import { renderTicketPdf } from "./ticket/render-ticket-pdf.ts";

const startsAt = new Date("2030-01-01T19:00:00Z");
const address = { line1: "1 Warm-up Street", postalCode: "00000", city: "Berlin", country: "Germany" };

/** Renders both kinds of document once (the bytes are dropped); answers how long it took in ms. */
export async function warmUpRenderers(): Promise<number> {
  const started = performance.now();
  await renderTicketPdf({
    locale: "en",
    currency: "EUR",
    order: { reference: "MQ-WARM-0000", buyerName: "Warm Up" },
    event: { name: "Warm-up", startsAt, doorsAt: startsAt, timeZone: "Europe/Berlin", venue: { name: "Warm-up hall", address } },
    tickets: [{ typeName: "General admission", shortCode: "WARM-0000", signedCode: "mq1.warm-up", priceMinor: 100 }],
  });
  await renderInvoicePdf({
    kind: "invoice",
    locale: "en",
    number: "WARM-0000",
    issueDate: startsAt,
    supplyDate: startsAt,
    timeZone: "Europe/Berlin",
    seller: { name: "Warm-up seller", address, vatId: "DE000000000", email: "warm-up@example.invalid" },
    buyer: { name: "Warm Up", email: "warm-up@example.invalid" },
    currency: "EUR",
    priceMode: "gross",
    lines: [{ description: "General admission", quantity: 1, unitPriceMinor: 100, taxRatePercent: 19 }],
    paymentReference: "pi_warm_up",
  });
  return performance.now() - started;
}

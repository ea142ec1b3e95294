// Render timings for the ticket and invoice PDFs and the e-mails. Prints figures, asserts nothing
// (house style 14). Baseline: a one-page react-pdf document with a single line of text, measured in
// the same run, so the ratios show what our layouts and the QR codes add.
// Run: npm run bench -w @marquee/documents   (ITERATIONS=50 for steadier numbers)
import { Document, Page, Text, renderToBuffer } from "@react-pdf/renderer";
import { createElement } from "react";
import { orderConfirmationEmail } from "../src/email/index.ts";
import { renderInvoicePdf } from "../src/invoice/render-invoice-pdf.ts";
import { creditNoteData, invoiceData, ticketData } from "../src/testing/fixtures.ts";
import { renderTicketPdf } from "../src/ticket/render-ticket-pdf.ts";

const iterations = Number(process.env.ITERATIONS ?? 20);

// pdfkit writes page objects uncompressed, so they can be counted in the bytes.
const countPages = (output: Buffer | string) => (typeof output === "string" ? 1 : (output.toString("latin1").match(/\/Type \/Page\b/g)?.length ?? 1));

async function measure(name: string, run: () => Promise<Buffer | string>) {
  const coldStart = performance.now();
  const first = await run();
  const coldMs = performance.now() - coldStart;
  const pages = countPages(first);
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? Number.NaN;
  const p90 = times[Math.floor(times.length * 0.9)] ?? Number.NaN;
  return { name, pages, coldMs, median, p90, perPage: median / pages, bytes: Buffer.byteLength(first) };
}

const baselineDocument = () => createElement(Document, null, createElement(Page, { size: "A4" }, createElement(Text, null, "Baseline")));

const results = [
  await measure("baseline: react-pdf, 1 page, 1 line", () => renderToBuffer(baselineDocument())),
  await measure("ticket PDF, 1 ticket", () => renderTicketPdf(ticketData({}, 1))),
  await measure("ticket PDF, 10 tickets", () => renderTicketPdf(ticketData({}, 10))),
  await measure("invoice PDF, 2 lines", () => renderInvoicePdf(invoiceData("en"))),
  await measure("credit note PDF, 2 lines (de)", () => renderInvoicePdf(creditNoteData("de"))),
  await measure("invoice PDF, 60 lines", () =>
    renderInvoicePdf(
      invoiceData("en", {
        lines: Array.from({ length: 60 }, (_, i) => ({ description: `Ticket ${i + 1}`, quantity: 1, unitPriceMinor: 2500, taxRatePercent: 7 })),
      }),
    ),
  ),
  await measure("order confirmation e-mail (html+text)", async () => {
    const data = ticketData({}, 4);
    const email = orderConfirmationEmail({
      locale: "en",
      buyerName: data.order.buyerName,
      orderReference: data.order.reference,
      event: { ...data.event, venueName: data.event.venue.name },
      tickets: data.tickets,
      totalMinor: 19800,
      currency: "EUR",
      orderUrl: "https://tickets.example/orders/1",
      orderLinkValidUntil: new Date("2027-01-30T12:00:00Z"),
      buyerHasAccount: false,
      invoiceAttached: true,
    });
    return email.html + email.text;
  }),
];

const baseline = results[0]?.median ?? Number.NaN;
const pad = (value: string, width: number) => value.padStart(width);
console.info(`Node ${process.version}, ${iterations} warm iterations after one cold render each\n`);
console.info(
  `${"case".padEnd(40)}${pad("pages", 6)}${pad("cold ms", 9)}${pad("median", 9)}${pad("p90", 9)}${pad("ms/page", 9)}${pad("x base", 8)}${pad("bytes", 9)}`,
);
for (const r of results) {
  console.info(
    `${r.name.padEnd(40)}${pad(String(r.pages), 6)}${pad(r.coldMs.toFixed(1), 9)}${pad(r.median.toFixed(1), 9)}${pad(r.p90.toFixed(1), 9)}${pad(r.perPage.toFixed(1), 9)}${pad((r.median / baseline).toFixed(1), 8)}${pad(String(r.bytes), 9)}`,
  );
}

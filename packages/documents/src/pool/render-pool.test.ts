import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderInvoicePdf } from "../invoice/render-invoice-pdf.ts";
import { invoiceData, ticketData } from "../testing/fixtures.ts";
import { readPdf } from "../testing/pdf.ts";
import { renderTicketPdf } from "../ticket/render-ticket-pdf.ts";
import { inlineRenderer, pdfRenderer, startPdfRenderPool, type TPdfRenderPool, useRenderPool } from "./render-pool.ts";

describe("the PDF render pool", () => {
  let pool: TPdfRenderPool;
  // Two threads, each loading react-pdf through tsx and rendering its warm-up: slow on 2 busy cores.
  beforeAll(async () => {
    pool = await startPdfRenderPool({ threads: 2 });
  }, 120_000);
  afterAll(() => pool.close());

  it("renders a ticket PDF with the same pages and text as the inline renderer", async () => {
    const data = ticketData({}, 3);
    const [pooled, inline] = await Promise.all([pool.ticket(data), renderTicketPdf(data)]);
    expect(Buffer.isBuffer(pooled)).toBe(true);
    expect(pooled.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(await readPdf(pooled)).toEqual(await readPdf(inline));
    expect((await readPdf(pooled)).pages).toBe(3);
  });

  it("renders an invoice PDF with the same pages and text as the inline renderer (Dates cross the thread)", async () => {
    const data = { ...invoiceData("de"), kind: "invoice" as const };
    const [pooled, inline] = await Promise.all([pool.invoice(data), renderInvoicePdf(data)]);
    expect(pooled.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(await readPdf(pooled)).toEqual(await readPdf(inline));
  });

  it("rejects the caller's promise when a render throws in the thread, and keeps rendering after it", async () => {
    await expect(pool.run({ kind: "fail", message: "broken template" })).rejects.toThrow("broken template");
    // A renderer's own refusal crosses the thread too.
    await expect(pool.ticket({ ...ticketData(), tickets: [] })).rejects.toThrow("at least one ticket");
    const after = await Promise.all([pool.ticket(ticketData({}, 1)), pool.ticket(ticketData({}, 1)), pool.ticket(ticketData({}, 1))]);
    for (const pdf of after) expect((await readPdf(pdf)).pages).toBe(1);
  });

  it("is the process's renderer once installed, inline again after", async () => {
    expect(pdfRenderer()).toBe(inlineRenderer);
    useRenderPool(pool);
    try {
      expect(pdfRenderer()).toBe(pool);
      expect((await readPdf(await pdfRenderer().ticket(ticketData({}, 1)))).pages).toBe(1);
    } finally {
      useRenderPool(null);
    }
    expect(pdfRenderer()).toBe(inlineRenderer);
  });
});

describe("closing a render pool", () => {
  it("lets the renders already asked for finish (drains), then refuses new ones", async () => {
    const pool = await startPdfRenderPool({ threads: 1 });
    const pending = Array.from({ length: 4 }, () => pool.ticket(ticketData({}, 1)));
    const closed = pool.close();
    const pdfs = await Promise.all(pending);
    await closed;
    for (const pdf of pdfs) expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    await expect(pool.ticket(ticketData({}, 1))).rejects.toThrow();
  }, 120_000);

  it("refuses a pool of no threads", async () => {
    await expect(startPdfRenderPool({ threads: 0 })).rejects.toThrow("at least one thread");
  });
});

// The body of one PDF render thread (piscina's worker file). Each thread has its own react-pdf,
// fonts, QR encoder and JIT: the pool's warm-up task renders once per thread so all of that is
// loaded before the first order. Tasks and answers cross threads by structured clone: plain data
// in (Dates survive), the PDF's bytes out, moved rather than copied.
import { move } from "piscina";
import { renderInvoicePdf } from "../invoice/render-invoice-pdf.ts";
import { renderTicketPdf } from "../ticket/render-ticket-pdf.ts";
import { warmUpRenderers } from "../warm-up.ts";
import type { TRenderTask } from "./render-task.ts";

async function renderBytes(task: TRenderTask): Promise<Buffer | null> {
  switch (task.kind) {
    case "ticket":
      return renderTicketPdf(task.data);
    case "invoice":
      return renderInvoicePdf(task.data);
    case "warm-up":
      await warmUpRenderers();
      return null;
    case "fail":
      // Only the tests send this: a render that throws inside a thread.
      throw new Error(task.message);
  }
}

export default async function render(task: TRenderTask): Promise<Uint8Array | null> {
  const bytes = await renderBytes(task);
  if (!bytes) return null;
  // A copy of exactly the PDF's bytes in its own ArrayBuffer (a small Buffer may sit in Node's
  // shared allocation pool, which must not be transferred), then moved to the caller.
  return move(new Uint8Array(bytes)) as Uint8Array;
}

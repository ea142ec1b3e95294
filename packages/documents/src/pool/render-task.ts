// What the main thread sends to a PDF render thread (structured-clone-able plain data).
import type { TInvoicePdfData } from "../invoice/invoice-data.ts";
import type { TTicketPdfData } from "../ticket/ticket-data.ts";

export type TRenderTask =
  | { kind: "ticket"; data: TTicketPdfData }
  | { kind: "invoice"; data: TInvoicePdfData }
  | { kind: "warm-up" }
  /** Throws in the thread: lets tests prove a failed render rejects its caller and spares the pool. */
  | { kind: "fail"; message: string };

// PDF rendering off the main thread: a piscina pool of worker threads, one per core the process
// is given, each with react-pdf, fonts and templates loaded once (warmed at start). A worker
// process installs one pool (useRenderPool) and the services render through pdfRenderer(), which
// answers that pool or, when none is installed (tests, scripts, the API server), the inline renderers.
import { Piscina } from "piscina";
import { renderInvoicePdf } from "../invoice/render-invoice-pdf.ts";
import type { TInvoicePdfData } from "../invoice/invoice-data.ts";
import { renderTicketPdf } from "../ticket/render-ticket-pdf.ts";
import type { TTicketPdfData } from "../ticket/ticket-data.ts";
import type { TRenderTask } from "./render-task.ts";

export interface TPdfRenderer {
  ticket(data: TTicketPdfData): Promise<Buffer>;
  invoice(data: TInvoicePdfData): Promise<Buffer>;
}

export interface TPdfRenderPool extends TPdfRenderer {
  readonly threads: number;
  /** Runs a raw task (the tests' failing render goes through here). */
  run(task: TRenderTask): Promise<Buffer | null>;
  /** Lets queued and running renders finish, then ends the threads. */
  close(): Promise<void>;
}

export const inlineRenderer: TPdfRenderer = { ticket: renderTicketPdf, invoice: renderInvoicePdf };

// A JavaScript entry that loads the TypeScript thread body with tsx (see the file).
const threadFile = new URL("./render-thread-entry.mjs", import.meta.url).href;

const asBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/**
 * Starts `threads` render threads and renders the warm-up documents once in each before answering,
 * so the first order's PDFs cost what the next ones do. `threads` must be at least 1.
 */
export async function startPdfRenderPool(options: { threads: number }): Promise<TPdfRenderPool> {
  if (!Number.isInteger(options.threads) || options.threads < 1) throw new Error(`a render pool needs at least one thread, got ${options.threads}`);
  const piscina = new Piscina<TRenderTask, Uint8Array | null>({
    filename: threadFile,
    minThreads: options.threads,
    maxThreads: options.threads,
    // Threads live as long as the pool: the fonts and templates they loaded are the point.
    idleTimeout: Number.POSITIVE_INFINITY,
    // One render at a time per thread: rendering is CPU-bound, more would only interleave.
    concurrentTasksPerWorker: 1,
  });
  let closing = false;
  const run = async (task: TRenderTask) => {
    // piscina would still start a task after close(); a stopping worker must not take new renders.
    if (closing) throw new Error("the PDF render pool is closed");
    const bytes = await piscina.run(task);
    return bytes ? asBuffer(bytes) : null;
  };
  const rendered = async (task: TRenderTask) => {
    const bytes = await run(task);
    if (!bytes) throw new Error(`the render thread answered no bytes for a ${task.kind}`);
    return bytes;
  };
  try {
    // One warm-up per thread: with concurrentTasksPerWorker 1, `threads` tasks at once land one on each.
    await Promise.all(Array.from({ length: options.threads }, () => run({ kind: "warm-up" })));
  } catch (error) {
    await piscina.destroy();
    throw error;
  }
  return {
    threads: options.threads,
    run,
    ticket: (data) => rendered({ kind: "ticket", data }),
    invoice: (data) => rendered({ kind: "invoice", data }),
    close: () => {
      closing = true;
      return piscina.close();
    },
  };
}

let installed: TPdfRenderer | null = null;

/** Makes `pool` the process's PDF renderer (null: back to inline). A worker role calls it at start and with null at stop. */
export function useRenderPool(pool: TPdfRenderer | null): void {
  installed = pool;
}

/** The process's PDF renderer: the installed pool, or the inline renderers. */
export const pdfRenderer = (): TPdfRenderer => installed ?? inlineRenderer;

import { stringify } from "csv-stringify/sync";

/** Rows fetched per database round trip: memory stays bounded by one batch, whatever the total. */
export const EXPORT_BATCH_SIZE = 1_000;

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab / carriage return) as a formula:
 * such cells get a leading apostrophe (OWASP "CSV injection"). Numbers are written as they are
 * (a negative amount on a credit note is a number, not a formula).
 */
export function safeCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  const text = value instanceof Date ? value.toISOString() : String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * A CSV byte stream from batches of rows: the header, then each batch as it comes (pulled only
 * when the reader wants more, so a slow client slows the database reads instead of filling memory).
 */
export function csvStream(header: readonly string[], batches: AsyncIterable<unknown[][]>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = batches[Symbol.asyncIterator]();
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(stringify([header as string[]])));
        return;
      }
      const next = await iterator.next();
      if (next.done) {
        controller.close();
        return;
      }
      controller.enqueue(encoder.encode(stringify(next.value.map((row) => row.map(safeCell)))));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

import type { Readable } from "node:stream";
import ZipStream from "zip-stream";

/** One file of an archive: its name inside the ZIP, its bytes, and the date the ZIP records for it. */
export interface TZipEntry {
  name: string;
  bytes: Uint8Array;
  date: Date;
}

/** Resolves when the stream has data to read or has ended; rejects on its error. */
function readableOrEnded(stream: Readable): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      stream.off("readable", onReadable).off("end", onEnd).off("error", done);
      if (error) reject(error);
      else resolve();
    };
    const onReadable = () => done();
    const onEnd = () => done();
    stream.once("readable", onReadable).once("end", onEnd).once("error", done);
  });
}

/**
 * A ZIP byte stream of entries that are produced one at a time, only when the reader has taken
 * everything written so far: one entry's bytes are in memory at once, whatever the count. Entries
 * are stored (PDFs are compressed already) with their size and CRC in the local header, no data
 * descriptor, so a reader can walk the archive as it arrives (the console counts its entries).
 */
export function zipArchiveStream(entries: AsyncIterable<TZipEntry>): ReadableStream<Uint8Array> {
  const archive = new ZipStream({ store: true });
  const output = archive as unknown as Readable;
  const iterator = entries[Symbol.asyncIterator]();
  let finalized = false;

  const appendNext = async () => {
    const next = await iterator.next();
    if (next.done) {
      finalized = true;
      archive.finalize();
      return;
    }
    const { name, bytes, date } = next.value;
    await new Promise<void>((resolve, reject) =>
      archive.entry(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { name, date }, (error) => (error ? reject(error) : resolve())),
    );
  };

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      for (;;) {
        const chunk = output.read() as Buffer | null;
        if (chunk !== null) {
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          return;
        }
        if (output.readableEnded) {
          controller.close();
          return;
        }
        if (finalized) await readableOrEnded(output);
        else await appendNext();
      }
    },
    async cancel() {
      output.destroy();
      await iterator.return?.();
    },
  });
}

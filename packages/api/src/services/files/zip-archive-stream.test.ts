import { Unzip, UnzipPassThrough, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { type TZipEntry, zipArchiveStream } from "./zip-archive-stream.ts";

const entry = (index: number, size: number): TZipEntry => ({
  name: `INV-${String(index).padStart(6, "0")}.pdf`,
  bytes: new Uint8Array(size).fill(index % 251),
  date: new Date("2026-04-01T10:00:00Z"),
});

describe("zipArchiveStream", () => {
  it("writes every entry, small and large, readable by another implementation", async () => {
    const sizes = [0, 1, 4_000, 300_000, 4_000, 70_000];
    async function* entries() {
      for (const [index, size] of sizes.entries()) yield entry(index, size);
    }
    const files = unzipSync(new Uint8Array(await new Response(zipArchiveStream(entries())).arrayBuffer()));
    expect(Object.keys(files)).toEqual(sizes.map((_, index) => entry(index, 0).name));
    sizes.forEach((size, index) => expect(files[entry(index, 0).name]).toEqual(entry(index, size).bytes));
  });

  it("asks for the next entry only when the reader has taken what was written", async () => {
    let produced = 0;
    async function* entries() {
      for (let index = 0; index < 1_000; index++) {
        produced++;
        yield entry(index, 40_000);
      }
    }
    const reader = zipArchiveStream(entries()).getReader();
    let read = 0;
    for (let chunk = 0; chunk < 10; chunk++) read += (await reader.read()).value!.byteLength;
    // Ten chunks read: a few entries of 40 KB produced, never the thousand.
    expect(produced).toBeLessThanOrEqual(Math.ceil(read / 40_000) + 2);
    await reader.cancel();
  });

  it("keeps sizes in the local headers, so a streaming reader counts entries as they arrive", async () => {
    async function* entries() {
      for (let index = 0; index < 25; index++) yield entry(index, 5_000 + index);
    }
    let completed = 0;
    const unzip = new Unzip((file) => {
      expect(file.size).toBe(file.originalSize);
      file.ondata = (error, _data, final) => {
        if (!error && final) completed++;
      };
      file.start();
    });
    unzip.register(UnzipPassThrough);
    for await (const chunk of zipArchiveStream(entries()) as unknown as AsyncIterable<Uint8Array>) unzip.push(chunk);
    unzip.push(new Uint8Array(0), true);
    expect(completed).toBe(25);
  });
});

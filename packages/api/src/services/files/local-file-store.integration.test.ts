import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readApiEnv } from "../../env.ts";
import { AppError } from "../../errors.ts";
import { assertFileKey, type FileStore } from "./file-store.ts";
import { createLocalFileStore, localFilePath } from "./local-file-store.ts";

let root: string;
let store: FileStore;
beforeAll(async () => {
  // A parent with a sibling file, to show a traversing key cannot reach it.
  const parent = await mkdtemp(join(tmpdir(), "marquee-files-"));
  root = join(parent, "store");
  await writeFile(join(parent, "secret.txt"), "outside");
  store = createLocalFileStore(root);
});
afterAll(() => rm(join(root, ".."), { recursive: true, force: true }));

describe("local file store", () => {
  it("puts, gets and checks files under nested keys", async () => {
    expect(await store.exists("invoices/org-1/a.pdf")).toBe(false);
    expect(await store.get("invoices/org-1/a.pdf")).toBeNull();
    await store.put("invoices/org-1/a.pdf", Buffer.from("%PDF-1.4 one"), "application/pdf");
    expect(await store.exists("invoices/org-1/a.pdf")).toBe(true);
    expect((await store.get("invoices/org-1/a.pdf"))!.toString()).toBe("%PDF-1.4 one");
    expect(await readFile(localFilePath(root, "invoices/org-1/a.pdf"), "utf8")).toBe("%PDF-1.4 one");
  });

  it.each([
    "../secret.txt",
    "invoices/../../secret.txt",
    "/etc/passwd",
    "invoices//a.pdf",
    "invoices/./a.pdf",
    ".hidden",
    "invoices\\..\\secret.txt",
    "a/b/",
    "",
    "nul\u0000byte",
    "x".repeat(600),
  ])("refuses the key %j", async (key) => {
    expect(() => assertFileKey(key)).toThrow(AppError);
    await expect(store.put(key, Buffer.from("x"), "text/plain")).rejects.toMatchObject({ code: "VALIDATION_ERROR" });
    await expect(store.get(key)).rejects.toMatchObject({ code: "VALIDATION_ERROR" });
    await expect(store.exists(key)).rejects.toMatchObject({ code: "VALIDATION_ERROR" });
  });

  it("never exposes a partial file: concurrent readers see the old or the new content, and no temp files stay", async () => {
    const key = "atomic/big.bin";
    const versions = [Buffer.alloc(4 * 1024 * 1024, 0x61), Buffer.alloc(4 * 1024 * 1024, 0x62), Buffer.alloc(4 * 1024 * 1024, 0x63)];
    await store.put(key, versions[0]!, "application/octet-stream");
    const seen: string[] = [];
    const readers = Array.from({ length: 30 }, async () => {
      const bytes = (await store.get(key))!;
      seen.push(bytes.length === versions[0]!.length && bytes.every((byte) => byte === bytes[0]) ? String.fromCharCode(bytes[0]!) : "partial");
    });
    await Promise.all([...versions.slice(1).map((bytes) => store.put(key, bytes, "application/octet-stream")), ...readers]);
    expect(seen).not.toContain("partial");
    expect(await readdir(join(root, "atomic"))).toEqual(["big.bin"]);
  });

  it("removes its temporary file when a write fails, leaving the old file intact", async () => {
    await store.put("fail/doc.txt", Buffer.from("old"), "text/plain");
    // A directory where the file should go makes the rename fail after the temp file was written.
    await store.put("fail/dir/inner.txt", Buffer.from("x"), "text/plain");
    await expect(store.put("fail/dir", Buffer.from("new"), "text/plain")).rejects.toThrow();
    expect((await readdir(join(root, "fail"))).sort()).toEqual(["dir", "doc.txt"]);
    expect((await store.get("fail/doc.txt"))!.toString()).toBe("old");
  });

  it("reads FILE_STORAGE_DIR as absolute, or relative to the repository root", () => {
    const repoRoot = join(import.meta.dirname, "..", "..", "..", "..", "..");
    expect(readApiEnv({ NODE_ENV: "test" }).FILE_STORAGE_DIR).toBe(join(repoRoot, "var", "files"));
    expect(readApiEnv({ NODE_ENV: "test", FILE_STORAGE_DIR: "data/docs" }).FILE_STORAGE_DIR).toBe(join(repoRoot, "data", "docs"));
    expect(readApiEnv({ NODE_ENV: "test", FILE_STORAGE_DIR: "/srv/marquee/files" }).FILE_STORAGE_DIR).toBe("/srv/marquee/files");
  });

  it("requires an absolute root", () => {
    expect(() => createLocalFileStore("relative/dir")).toThrow(/absolute/);
  });
});

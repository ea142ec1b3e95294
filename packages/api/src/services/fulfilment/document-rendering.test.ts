import { inlineRenderer, pdfRenderer } from "@marquee/documents";
import { describe, expect, it } from "vitest";
import { startDocumentRendering } from "./order-documents.ts";

describe("startDocumentRendering", () => {
  it("with 0 threads keeps the inline renderers", async () => {
    const rendering = await startDocumentRendering(0);
    expect(rendering.threads).toBe(0);
    expect(pdfRenderer()).toBe(inlineRenderer);
    await rendering.stop();
  });

  it("installs a warmed thread pool as the process's renderer and removes it on stop", async () => {
    const rendering = await startDocumentRendering(1);
    try {
      expect(rendering.threads).toBe(1);
      expect(pdfRenderer()).not.toBe(inlineRenderer);
    } finally {
      await rendering.stop();
    }
    expect(pdfRenderer()).toBe(inlineRenderer);
  }, 120_000);
});

import jsQR from "jsqr";
import { PDFParse } from "pdf-parse";
import { PNG } from "pngjs";

// Test helpers that read a rendered PDF back the way a person or a scanner would: the text layer
// through pdf.js, and the page rasterised (pdf.js + @napi-rs/canvas) for QR decoding.

export interface TPdfReadback {
  pages: number;
  /** Text of each page, whitespace collapsed. */
  pageTexts: string[];
}

const collapse = (text: string) => text.replace(/\s+/g, " ").trim();

export async function readPdf(pdf: Buffer): Promise<TPdfReadback> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    const result = await parser.getText();
    return { pages: result.total, pageTexts: result.pages.map((page) => collapse(page.text)) };
  } finally {
    await parser.destroy();
  }
}

/** PNG of one page (1-based) at the given scale (1 = 72 dpi). */
export async function screenshotPage(pdf: Buffer, page: number, scale = 2): Promise<Uint8Array> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    const result = await parser.getScreenshot({ partial: [page], scale });
    const shot = result.pages[0];
    if (!shot) throw new Error(`page ${page} not rendered`);
    return shot.data;
  } finally {
    await parser.destroy();
  }
}

/** Decodes the first QR code found in a PNG, or null. */
export function decodeQrPng(png: Uint8Array): string | null {
  const image = PNG.sync.read(Buffer.from(png));
  const code = jsQR(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.byteLength), image.width, image.height);
  return code?.data ?? null;
}

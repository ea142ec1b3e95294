import type { Attachment } from "mailparser";
import { describe, expect, it } from "vitest";
import { ATTACHMENT_LIMITS, cleanFileName, selectAttachments, sniffAttachmentType } from "./inbound-attachments.ts";

const PDF_HEAD = Buffer.from("%PDF-1.7\n");
const pdf = (size: number) => Buffer.concat([PDF_HEAD, Buffer.alloc(size - PDF_HEAD.length, 0x20)]);
const attachment = (filename: string, content: Buffer, contentType = "application/octet-stream") => ({ filename, content, contentType }) as Attachment;

describe("inbound attachments", () => {
  it("judges the type by the bytes", () => {
    expect(sniffAttachmentType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]), "image/png")).toBe("image/jpeg");
    expect(sniffAttachmentType(Buffer.from("GIF89a...."), "")).toBe("image/gif");
    expect(sniffAttachmentType(Buffer.concat([Buffer.from("RIFF"), Buffer.alloc(4), Buffer.from("WEBPVP8 ")]), "")).toBe("image/webp");
    expect(sniffAttachmentType(Buffer.from("plain words"), "text/plain; charset=utf-8")).toBe("text/plain");
    expect(sniffAttachmentType(Buffer.from("plain words"), "text/html")).toBeNull();
    expect(sniffAttachmentType(Buffer.from([0x41, 0x00, 0x42]), "text/plain")).toBeNull();
    expect(sniffAttachmentType(Buffer.from([0xc3, 0x28]), "text/plain")).toBeNull();
  });

  it("keeps at most 25 MB in all, 10 MB each", () => {
    const nine = pdf(9 * 1024 * 1024);
    const { accepted, skipped } = selectAttachments([
      attachment("a.pdf", nine),
      attachment("b.pdf", nine),
      attachment("c.pdf", nine),
      attachment("d.pdf", pdf(ATTACHMENT_LIMITS.maxBytesEach + 1)),
      attachment("e.pdf", pdf(1024)),
    ]);
    expect(accepted.map((file) => file.fileName)).toEqual(["a.pdf", "b.pdf", "e.pdf"]);
    expect(skipped).toEqual(["[attachment skipped: c.pdf (more than 25 MB in all)]", "[attachment skipped: d.pdf (larger than 10 MB)]"]);
  });

  it("cleans file names: no path, no control characters, a fallback", () => {
    expect(cleanFileName("../../etc/passwd", "x")).toBe("passwd");
    expect(cleanFileName("C:\\Users\\jo\\seat\u0000.png", "x")).toBe("seat.png");
    expect(cleanFileName(undefined, "attachment-1")).toBe("attachment-1");
    expect(cleanFileName("a\r\nb.txt", "x")).toBe("a  b.txt");
  });
});

import type { Attachment } from "mailparser";
import { withoutControlCharacters } from "./inbound-message.ts";

// Which files of an inbound e-mail are kept: a short list of types, judged by the bytes (a
// declared type or a file name proves nothing), and bounded in size and number.

export const ATTACHMENT_LIMITS = { maxBytesEach: 10 * 1024 * 1024, maxFiles: 10, maxBytesTotal: 25 * 1024 * 1024 } as const;

export type TAttachmentType = "image/jpeg" | "image/png" | "image/gif" | "image/webp" | "application/pdf" | "text/plain";
const EXTENSION: Record<TAttachmentType, string> = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/gif": "gif",
  "image/webp": "webp",
  "application/pdf": "pdf",
  "text/plain": "txt",
};
export const extensionOf = (type: TAttachmentType) => EXTENSION[type];

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((byte, index) => bytes[offset + index] === byte);
const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

function isPlainText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The file's type by its content; text/plain only when declared so and valid UTF-8 without NUL bytes. */
export function sniffAttachmentType(bytes: Uint8Array, declared: string): TAttachmentType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, ascii("GIF87a")) || startsWith(bytes, ascii("GIF89a"))) return "image/gif";
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return "image/webp";
  if (startsWith(bytes, ascii("%PDF-"))) return "application/pdf";
  if (declared.toLowerCase().split(";")[0]!.trim() === "text/plain" && isPlainText(bytes)) return "text/plain";
  return null;
}

export interface TAcceptedAttachment {
  fileName: string;
  contentType: TAttachmentType;
  bytes: Buffer;
}

/** A file name safe to show: no path, no control characters, at most 200 characters. */
export function cleanFileName(name: string | undefined, fallback: string): string {
  const base = (name ?? "").split(/[\\/]/).pop() ?? "";
  const cleaned = withoutControlCharacters(base.replace(/[\t\r\n]/g, " "))
    .trim()
    .slice(0, 200);
  return cleaned.length > 0 ? cleaned : fallback;
}

/** The attachments kept (type and limits) and a note for each one skipped, in the e-mail's order. */
export function selectAttachments(attachments: readonly Attachment[]): { accepted: TAcceptedAttachment[]; skipped: string[] } {
  const accepted: TAcceptedAttachment[] = [];
  const skipped: string[] = [];
  let total = 0;
  attachments.forEach((attachment, index) => {
    const fileName = cleanFileName(attachment.filename, `attachment-${index + 1}`);
    const bytes = attachment.content;
    const type = sniffAttachmentType(bytes, attachment.contentType);
    let reason: string | null = null;
    if (!type) reason = "type not accepted";
    else if (bytes.length > ATTACHMENT_LIMITS.maxBytesEach) reason = "larger than 10 MB";
    else if (accepted.length >= ATTACHMENT_LIMITS.maxFiles) reason = "more than 10 files";
    else if (total + bytes.length > ATTACHMENT_LIMITS.maxBytesTotal) reason = "more than 25 MB in all";
    if (reason || !type) {
      skipped.push(`[attachment skipped: ${fileName} (${reason})]`);
      return;
    }
    total += bytes.length;
    accepted.push({ fileName, contentType: type, bytes });
  });
  return { accepted, skipped };
}

import { createHash } from "node:crypto";
import sharp from "sharp";
import { AppError } from "../../errors.ts";
import type { FileStore } from "../files/file-store.ts";
import { EVENT_IMAGE_WIDTHS, MAX_EVENT_IMAGE_BYTES, eventImageFileKey } from "./event-image-files.ts";

/** Decompression bombs: a small file that decodes to a huge bitmap is refused by sharp. */
const MAX_INPUT_PIXELS = 40_000_000;
const MIN_SIDE = 200;

export type TImageType = "jpeg" | "png" | "webp" | "avif";

const startsWith = (bytes: Uint8Array, offset: number, expected: number[]) => expected.every((byte, index) => bytes[offset + index] === byte);
const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

/**
 * The image type by its magic bytes, never by a file name or a client's Content-Type. SVG and GIF
 * are not accepted (SVG can carry scripts; neither suits a photo).
 */
export function sniffImageType(bytes: Uint8Array): TImageType | null {
  if (startsWith(bytes, 0, [0xff, 0xd8, 0xff])) return "jpeg";
  if (startsWith(bytes, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (startsWith(bytes, 0, ascii("RIFF")) && startsWith(bytes, 8, ascii("WEBP"))) return "webp";
  if (startsWith(bytes, 4, ascii("ftyp")) && (startsWith(bytes, 8, ascii("avif")) || startsWith(bytes, 8, ascii("avis")))) return "avif";
  return null;
}

export interface TStoredEventImage {
  /** File-store prefix of the sizes (`images/events/<org>/<hash>`): Event.imageKey. */
  imageKey: string;
  /** Size of the largest stored version, after turning it upright. */
  width: number;
  height: number;
  /** Dominant colour, `#rrggbb`. */
  color: string;
  /** A tiny blurred WebP as a data: URL, shown while the image loads. */
  placeholder: string;
}

const hex = (value: number) => Math.round(value).toString(16).padStart(2, "0");

/**
 * Stores an uploaded event image: checks the type by its magic bytes and the size, decodes it
 * with sharp (a file that does not decode, or decodes to a bomb, is refused), turns it upright
 * by its EXIF orientation and writes WebP copies at EVENT_IMAGE_WIDTHS with every metadata block
 * (EXIF with GPS, XMP, IPTC, ICC) left out, plus the colour and blur placeholder. Keys carry a
 * hash of the upload, so a stored file never changes and is served as immutable.
 */
export async function storeEventImage(deps: { files: FileStore }, input: { organizationId: string; bytes: Uint8Array }): Promise<TStoredEventImage> {
  const { bytes } = input;
  if (bytes.length > MAX_EVENT_IMAGE_BYTES)
    throw new AppError("PAYLOAD_TOO_LARGE", `Images may be at most ${MAX_EVENT_IMAGE_BYTES / 1024 / 1024} MB.`, { maxBytes: MAX_EVENT_IMAGE_BYTES });
  const type = sniffImageType(bytes);
  if (!type) throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Upload a JPEG, PNG, WebP or AVIF image.", { accepted: ["jpeg", "png", "webp", "avif"] });

  const decode = () => sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" }).rotate();
  let upright: { width: number; height: number };
  try {
    const { info } = await decode().toBuffer({ resolveWithObject: true });
    upright = { width: info.width, height: info.height };
  } catch (error) {
    throw new AppError("VALIDATION_ERROR", "The image could not be read (damaged, or too many pixels).", { reason: (error as Error).message.slice(0, 200) });
  }
  if (Math.min(upright.width, upright.height) < MIN_SIDE)
    throw new AppError("VALIDATION_ERROR", `Images must be at least ${MIN_SIDE} pixels on each side.`, { minSide: MIN_SIDE, ...upright });

  const hash = createHash("sha256").update(bytes).digest("hex").slice(0, 24);
  const imageKey = `images/events/${input.organizationId}/${hash}`;
  let largest = upright;
  for (const width of EVENT_IMAGE_WIDTHS) {
    // sharp writes no metadata unless asked (withMetadata/keepExif): the copies carry pixels only.
    const { data, info } = await decode().resize({ width, withoutEnlargement: true }).webp({ quality: 78 }).toBuffer({ resolveWithObject: true });
    await deps.files.put(eventImageFileKey(imageKey, width), data, "image/webp");
    largest = { width: info.width, height: info.height };
  }
  const [stats, tiny] = await Promise.all([decode().stats(), decode().resize({ width: 16 }).blur(1.2).webp({ quality: 40 }).toBuffer()]);
  return {
    imageKey,
    width: largest.width,
    height: largest.height,
    color: `#${hex(stats.dominant.r)}${hex(stats.dominant.g)}${hex(stats.dominant.b)}`,
    placeholder: `data:image/webp;base64,${tiny.toString("base64")}`,
  };
}

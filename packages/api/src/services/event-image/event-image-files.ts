/**
 * Where an event image's sizes live and how they are addressed. Pure: the web app's image loader
 * imports it too (no sharp, no I/O).
 */

/** Uploads above this are refused before any decoding (the console checks it before sending too). */
export const MAX_EVENT_IMAGE_BYTES = 10 * 1024 * 1024;

/** The longest alternative text of an image, in any language. */
export const MAX_IMAGE_ALT_LENGTH = 300;

/** The widths stored for every event image (never wider than the upload itself). */
export const EVENT_IMAGE_WIDTHS = [320, 480, 640, 960, 1280, 1600] as const;

/** File-store prefix of images; the image route serves nothing outside it (invoices stay private). */
export const IMAGE_KEY_PREFIX = "images/";
/** The shop's route serving `images/<rest>` as `/api/images/<rest>`. */
export const IMAGE_ROUTE = "/api/images";

/** The stored width to serve for a wanted width: the smallest at least as wide, else the largest. */
export const eventImageWidthFor = (wanted: number): number => EVENT_IMAGE_WIDTHS.find((width) => width >= wanted) ?? EVENT_IMAGE_WIDTHS.at(-1)!;

/** `images/events/<org>/<hash>` + width -> `/api/images/events/<org>/<hash>/<width>.webp`. */
export function eventImageUrl(imageKey: string, width: number): string {
  const rest = imageKey.startsWith(IMAGE_KEY_PREFIX) ? imageKey.slice(IMAGE_KEY_PREFIX.length) : imageKey;
  return `${IMAGE_ROUTE}/${rest}/${eventImageWidthFor(width)}.webp`;
}

/** The file-store key of one stored size. */
export const eventImageFileKey = (imageKey: string, width: number): string => `${imageKey}/${width}.webp`;

/** A URL of one stored size with another width (next/image's loader: any requested width maps onto a stored one). */
export function eventImageUrlForWidth(url: string, wanted: number): string {
  const match = /^(.*\/)\d+\.webp$/.exec(url);
  return match ? `${match[1]}${eventImageWidthFor(wanted)}.webp` : url;
}

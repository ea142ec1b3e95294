"use client";

import { eventImageUrlForWidth } from "@marquee/api/services/event-image/event-image-files";

/**
 * next/image's loader (next.config `images.loaderFile`): event images are stored in fixed widths
 * and served from this origin (/api/images), so each srcset width maps onto a stored file; nothing
 * is re-encoded per request and no other host is involved.
 */
export default function eventImageLoader({ src, width }: { src: string; width: number; quality?: number }): string {
  return eventImageUrlForWidth(src, width);
}

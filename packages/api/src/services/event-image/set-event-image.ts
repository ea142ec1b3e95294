import type { Db } from "@marquee/db";
import { AppError } from "../../errors.ts";
import type { FileStore } from "../files/file-store.ts";
import { storeEventImage, type TStoredEventImage } from "./store-event-image.ts";

/**
 * Stores an upload and makes it the image of an event of this organisation (the console's upload,
 * issue 12). Another organisation's event is NOT_FOUND and nothing is stored. The alternative
 * text is in the event's default language; other languages go in Event.translations.<locale>.imageAlt.
 */
export async function setEventImage(
  deps: { db: Db; files: FileStore },
  input: { organizationId: string; eventId: string; bytes: Uint8Array; alt: string },
): Promise<TStoredEventImage> {
  const event = await deps.db.event.findFirst({ where: { id: input.eventId, organizationId: input.organizationId }, select: { id: true } });
  if (!event) throw new AppError("NOT_FOUND", "No such event.");
  const alt = input.alt.trim();
  if (alt.length > 300) throw new AppError("VALIDATION_ERROR", "The alternative text may be at most 300 characters.", { field: "alt" });
  const stored = await storeEventImage({ files: deps.files }, { organizationId: input.organizationId, bytes: input.bytes });
  await deps.db.event.update({
    where: { id: event.id },
    data: {
      imageKey: stored.imageKey,
      imageWidth: stored.width,
      imageHeight: stored.height,
      imageColor: stored.color,
      imagePlaceholder: stored.placeholder,
      imageAlt: alt,
    },
  });
  return stored;
}

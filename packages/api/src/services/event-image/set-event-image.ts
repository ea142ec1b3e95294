import type { Db } from "@marquee/db";
import { AppError } from "../../errors.ts";
import { type TAuditActor, recordAudit } from "../audit/record-audit.ts";
import type { FileStore } from "../files/file-store.ts";
import { lockOrganizationEvent } from "../organiser-event/event-access.ts";
import { MAX_IMAGE_ALT_LENGTH } from "./event-image-files.ts";
import { storeEventImage, type TStoredEventImage } from "./store-event-image.ts";

interface TEventImageScope {
  organizationId: string;
  eventId: string;
  actor: TAuditActor;
}

/**
 * Stores an upload and makes it the image of an event of this organisation (the console's upload,
 * issue 12), audited as `event.image-set` in the same transaction. Another organisation's event is
 * NOT_FOUND and nothing is stored. The alternative text is required (a11y) and in the event's
 * default language; other languages go in Event.translations.<locale>.imageAlt.
 */
export async function setEventImage(
  deps: { db: Db; files: FileStore },
  input: TEventImageScope & { bytes: Uint8Array; alt: string },
): Promise<TStoredEventImage> {
  const event = await deps.db.event.findFirst({ where: { id: input.eventId, organizationId: input.organizationId }, select: { id: true } });
  if (!event) throw new AppError("NOT_FOUND", "No such event.");
  const alt = input.alt.trim();
  if (alt.length === 0) throw new AppError("VALIDATION_ERROR", "Describe the image for people who cannot see it.", { field: "alt" });
  if (alt.length > MAX_IMAGE_ALT_LENGTH)
    throw new AppError("VALIDATION_ERROR", `The alternative text may be at most ${MAX_IMAGE_ALT_LENGTH} characters.`, { field: "alt" });
  // Keys are content hashes: a file stored here for a change that then fails is never served, never wrong.
  const stored = await storeEventImage({ files: deps.files }, { organizationId: input.organizationId, bytes: input.bytes });
  await deps.db.$transaction(async (tx) => {
    const before = await lockOrganizationEvent(tx, input.organizationId, input.eventId);
    await tx.event.update({
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
    await recordAudit(tx, {
      organizationId: input.organizationId,
      actor: input.actor,
      action: "event.image-set",
      targetType: "event",
      targetId: event.id,
      data: { before: before.imageKey, after: stored.imageKey, width: stored.width, height: stored.height, alt },
    });
  });
  return stored;
}

/**
 * Takes the image off an event of this organisation (the shop draws placeholder art again),
 * audited as `event.image-remove`. Removing when there is none changes nothing and writes no entry.
 * The stored sizes stay: their keys are content hashes that another event may share.
 */
export async function removeEventImage(deps: { db: Db }, scope: TEventImageScope): Promise<void> {
  await deps.db.$transaction(async (tx) => {
    const before = await lockOrganizationEvent(tx, scope.organizationId, scope.eventId);
    if (!before.imageKey) return;
    await tx.event.update({
      where: { id: before.id },
      data: { imageKey: null, imageWidth: null, imageHeight: null, imageColor: null, imagePlaceholder: null, imageAlt: "" },
    });
    await recordAudit(tx, {
      organizationId: scope.organizationId,
      actor: scope.actor,
      action: "event.image-remove",
      targetType: "event",
      targetId: before.id,
      data: { before: before.imageKey },
    });
  });
}

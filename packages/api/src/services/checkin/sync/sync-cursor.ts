import { z } from "zod";

// The opaque sync cursor a device passes back: base64url JSON of the phase and the watermarks.
// Full phase: the keyset position (ticket updatedAt, id) and when the full sync began. Delta phase:
// the ticket and scan watermarks. Anything that does not parse, or names another device, is no
// cursor at all: the device gets a full sync (never an error).

const ZFullCursor = z.object({
  v: z.literal(1),
  d: z.uuid(),
  p: z.literal("full"),
  /** Last ticket sent: updatedAt (epoch ms) and id; null before the first page. */
  k: z.tuple([z.number().int().nonnegative(), z.uuid()]).nullable(),
  /** Server time the full sync began (epoch ms): deltas start from here. */
  s: z.number().int().nonnegative(),
});
const ZDeltaCursor = z.object({
  v: z.literal(1),
  d: z.uuid(),
  p: z.literal("delta"),
  /** Tickets changed from here on (epoch ms, before the overlap). */
  t: z.number().int().nonnegative(),
  /** Scans received or annulled from here on (epoch ms, before the overlap). */
  s: z.number().int().nonnegative(),
  /** Within a delta of more than one page: the last ticket sent. */
  k: z.tuple([z.number().int().nonnegative(), z.uuid()]).nullable(),
});
const ZSyncCursor = z.discriminatedUnion("p", [ZFullCursor, ZDeltaCursor]);
export type TSyncCursor = z.infer<typeof ZSyncCursor>;

/** The cursor as text for the device. */
export const encodeSyncCursor = (cursor: TSyncCursor): string => Buffer.from(JSON.stringify(cursor)).toString("base64url");

/** The cursor the device sent, or null (absent, unreadable, or another device's): a full sync. */
export function decodeSyncCursor(text: string | undefined, deviceId: string): TSyncCursor | null {
  if (!text) return null;
  try {
    const parsed = ZSyncCursor.safeParse(JSON.parse(Buffer.from(text, "base64url").toString("utf8")));
    return parsed.success && parsed.data.d === deviceId ? parsed.data : null;
  } catch {
    return null;
  }
}

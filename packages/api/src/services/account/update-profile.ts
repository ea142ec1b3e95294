import type { Db } from "@marquee/db";
import { SUPPORTED_LOCALES } from "@marquee/documents/locale";
import { z } from "zod";

export const ZUpdateProfileInput = z.object({
  name: z.string().trim().min(1).max(120).optional(),
  locale: z.enum(SUPPORTED_LOCALES).optional(),
  marketingOptIn: z.boolean().optional(),
});
export type TUpdateProfileInput = z.infer<typeof ZUpdateProfileInput>;

export async function updateProfile(deps: { db: Db }, userId: string, input: TUpdateProfileInput) {
  return deps.db.user.update({ where: { id: userId }, data: input, select: { id: true, name: true, locale: true, marketingOptIn: true } });
}

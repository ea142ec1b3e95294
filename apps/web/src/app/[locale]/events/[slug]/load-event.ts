import { TRPCError } from "@trpc/server";
import { cache } from "react";
import type { Locale } from "~/i18n/locales.ts";
import { getQueryClient, publicTrpc } from "~/trpc/server.tsx";

/**
 * The published event of this slug in this language through the shared query client (so the page, its metadata
 * and the browser's hydrated cache share one read per request); null when there is none.
 */
export const loadEvent = cache(async (slug: string, locale: Locale) => {
  try {
    return await getQueryClient().fetchQuery(publicTrpc.event.get.queryOptions({ idOrSlug: slug, locale }));
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) return null;
    throw error;
  }
});

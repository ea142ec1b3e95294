import { notFound } from "next/navigation";
import { z } from "zod";
import { requireOrganization } from "~/lib/organization.ts";
import { getQueryClient, trpc } from "~/trpc/server.tsx";

/**
 * The check-in pages' one server check: the member may view events, and the event is this
 * organisation's (another organisation's event, or none, is the console's 404). Answers the
 * membership and the event (its name and time zone), prefetched for the client.
 */
export async function loadCheckinEvent(organizationId: string, eventId: string) {
  const { membership } = await requireOrganization(organizationId, "event.view");
  if (!z.uuid().safeParse(eventId).success) notFound();
  const event = await getQueryClient()
    .fetchQuery(trpc.event.detail.queryOptions({ organizationId, eventId }))
    .catch((error: unknown) => {
      if ((error as { code?: string }).code === "NOT_FOUND") return null;
      throw error;
    });
  if (!event) notFound();
  return { membership, event };
}

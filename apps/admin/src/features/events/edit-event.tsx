"use client";

import { useTRPC } from "@marquee/ui/trpc";
import { useQuery } from "@tanstack/react-query";
import { QueryError } from "~/components/query-error.tsx";
import { EventForm } from "./event-form.tsx";
import { EventImageForm } from "./event-image-form.tsx";

/** The image and the edit form once the event is loaded. */
export function EditEvent({ organizationId, eventId }: { organizationId: string; eventId: string }) {
  const trpc = useTRPC();
  const event = useQuery(trpc.event.detail.queryOptions({ organizationId, eventId }));
  if (event.isPending) return <p className="muted">Loading…</p>;
  if (event.isError) return <QueryError error={event.error} onRetry={() => void event.refetch()} />;
  return (
    <div className="stack">
      <EventImageForm organizationId={organizationId} event={event.data} />
      <EventForm organizationId={organizationId} event={event.data} />
    </div>
  );
}

"use client";

import { useTRPC } from "@marquee/ui/trpc";
import { useQuery } from "@tanstack/react-query";

/** The scope of an export: all of the organisation's events (empty value) or one of them. */
export function EventSelect(props: { id: string; label: string; organizationId: string; value: string; onChange: (eventId: string) => void }) {
  const trpc = useTRPC();
  const events = useQuery(trpc.event.listForOrganization.queryOptions({ organizationId: props.organizationId }));
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <option value="">All events</option>
        {events.data?.map((ev) => (
          <option key={ev.id} value={ev.id}>
            {ev.name}
          </option>
        ))}
      </select>
    </div>
  );
}

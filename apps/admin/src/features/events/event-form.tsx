"use client";

import type { AdminRouterOutputs } from "@marquee/api";
import { useTRPC } from "@marquee/ui/trpc";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { QueryError } from "~/components/query-error.tsx";
import { orgPath } from "~/lib/org-path.ts";
import { GermanTextFields, translationsFromForm } from "./event-translation-fields.tsx";
import { Field, FormError, fieldError, fromLocalInput, intOf, textOf, toLocalInput } from "./form-kit.tsx";

type TEvent = AdminRouterOutputs["event"]["detail"];
const FIELDS = [
  "name",
  "slug",
  "venueId",
  "seatMapId",
  "timezone",
  "startsAt",
  "endsAt",
  "onSaleAt",
  "offSaleAt",
  "holdTtlSeconds",
  "maxPerOrder",
  "maxPerBuyer",
  "translations",
];

/** The new-event and edit form: one component, the mutation differs. */
export function EventForm({ organizationId, event }: { organizationId: string; event?: TEvent }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const places = useQuery(trpc.event.places.queryOptions({ organizationId }));
  const create = useMutation(trpc.event.create.mutationOptions());
  const update = useMutation(trpc.event.update.mutationOptions());
  const [venueId, setVenueId] = useState(event?.venueId ?? "");
  const saving = create.isPending || update.isPending;
  const error = create.error ?? update.error;

  if (places.isPending) return <p className="muted">Loading…</p>;
  if (places.isError) return <QueryError error={places.error} onRetry={() => void places.refetch()} />;
  const venue = venueId || places.data.venues[0]?.id || "";
  const seatMaps = places.data.seatMaps.filter((m) => m.venueId === venue);

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const settings = {
      name: textOf(form.get("name")),
      slug: textOf(form.get("slug")),
      venueId: venue,
      seatMapId: textOf(form.get("seatMapId")) || null,
      description: textOf(form.get("description")),
      timezone: textOf(form.get("timezone")),
      startsAt: fromLocalInput(form.get("startsAt")) ?? new Date(Number.NaN),
      endsAt: fromLocalInput(form.get("endsAt")) ?? new Date(Number.NaN),
      onSaleAt: fromLocalInput(form.get("onSaleAt")) ?? new Date(Number.NaN),
      offSaleAt: fromLocalInput(form.get("offSaleAt")),
      holdTtlSeconds: (intOf(form.get("holdMinutes")) ?? 10) * 60,
      maxPerOrder: intOf(form.get("maxPerOrder")) ?? 10,
      maxPerBuyer: intOf(form.get("maxPerBuyer")),
      ticketChangesEnabled: form.get("ticketChangesEnabled") === "on",
      ticketChangesCutoffHours: intOf(form.get("ticketChangesCutoffHours")) ?? 24,
      refundRequestsEnabled: form.get("refundRequestsEnabled") === "on",
      refundRequestCutoffDays: intOf(form.get("refundRequestCutoffDays")) ?? 7,
      translations: translationsFromForm(form, event?.translations),
    };
    const done = async (eventId: string) => {
      await queryClient.invalidateQueries({ queryKey: trpc.event.pathKey() });
      router.push(orgPath(organizationId, `/events/${eventId}`));
    };
    if (event) update.mutate({ organizationId, eventId: event.id, ...settings }, { onSuccess: (saved) => void done(saved.id) });
    else create.mutate({ organizationId, ...settings }, { onSuccess: (saved) => void done(saved.id) });
  };

  const err = (field: string) => fieldError(error, field);
  const describedBy = (field: string) => (err(field) ? `${field}-error` : undefined);
  return (
    <form className="card stack event-form" onSubmit={onSubmit} noValidate>
      <Field id="name" label="Name" error={err("name")}>
        <input id="name" name="name" required maxLength={200} defaultValue={event?.name} aria-describedby={describedBy("name")} />
      </Field>
      <Field id="slug" label="Web address (slug)" hint="Lower-case letters, digits and hyphens; unique on Marquee." error={err("slug")}>
        <input id="slug" name="slug" required maxLength={80} defaultValue={event?.slug} aria-describedby={describedBy("slug") ?? "slug-hint"} />
      </Field>
      <Field id="venueId" label="Venue" error={err("venueId")}>
        <select id="venueId" name="venueId" value={venue} onChange={(e) => setVenueId(e.target.value)}>
          {places.data.venues.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}, {v.city}
            </option>
          ))}
        </select>
      </Field>
      <Field id="seatMapId" label="Seating" error={err("seatMapId")}>
        <select id="seatMapId" name="seatMapId" defaultValue={event?.seatMapId ?? ""}>
          <option value="">General admission</option>
          {seatMaps.map((m) => (
            <option key={m.id} value={m.id}>
              Reserved: {m.name} (v{m.version})
            </option>
          ))}
        </select>
      </Field>
      <Field id="description" label="Description" error={err("description")}>
        <textarea id="description" name="description" rows={4} maxLength={20_000} defaultValue={event?.description} />
      </Field>
      <Field id="timezone" label="Time zone" error={err("timezone")}>
        <input id="timezone" name="timezone" defaultValue={event?.timezone ?? "Europe/Berlin"} maxLength={64} />
      </Field>
      {(
        [
          ["startsAt", "Starts", event?.startsAt],
          ["endsAt", "Ends", event?.endsAt],
          ["onSaleAt", "On sale from", event?.onSaleAt],
          ["offSaleAt", "On sale until (optional)", event?.offSaleAt],
        ] as const
      ).map(([id, label, value]) => (
        <Field key={id} id={id} label={label} error={err(id)}>
          <input id={id} name={id} type="datetime-local" defaultValue={toLocalInput(value)} aria-describedby={describedBy(id)} />
        </Field>
      ))}
      <Field id="holdMinutes" label="Hold time (minutes)" error={err("holdTtlSeconds")}>
        <input id="holdMinutes" name="holdMinutes" type="number" min={1} max={60} defaultValue={(event?.holdTtlSeconds ?? 600) / 60} />
      </Field>
      <Field id="maxPerOrder" label="Tickets per order (max)" error={err("maxPerOrder")}>
        <input id="maxPerOrder" name="maxPerOrder" type="number" min={1} max={100} defaultValue={event?.maxPerOrder ?? 10} />
      </Field>
      <Field id="maxPerBuyer" label="Tickets per buyer (max, optional)" error={err("maxPerBuyer")}>
        <input id="maxPerBuyer" name="maxPerBuyer" type="number" min={1} max={1000} defaultValue={event?.maxPerBuyer ?? ""} />
      </Field>
      <fieldset className="stack">
        <legend>Ticket self-service</legend>
        <label>
          <input type="checkbox" name="ticketChangesEnabled" defaultChecked={event?.ticketChangesEnabled ?? true} /> Buyers may rename and transfer tickets
        </label>
        <Field id="ticketChangesCutoffHours" label="…until this many hours before the start" error={err("ticketChangesCutoffHours")}>
          <input id="ticketChangesCutoffHours" name="ticketChangesCutoffHours" type="number" min={0} defaultValue={event?.ticketChangesCutoffHours ?? 24} />
        </Field>
        <label>
          <input type="checkbox" name="refundRequestsEnabled" defaultChecked={event?.refundRequestsEnabled ?? false} /> Buyers may ask for a refund
        </label>
        <Field id="refundRequestCutoffDays" label="…until this many days before the start" error={err("refundRequestCutoffDays")}>
          <input id="refundRequestCutoffDays" name="refundRequestCutoffDays" type="number" min={0} defaultValue={event?.refundRequestCutoffDays ?? 7} />
        </Field>
      </fieldset>
      <GermanTextFields translations={event?.translations} error={error} />
      <FormError error={error} fields={FIELDS} />
      <button type="submit" className="button button-primary" disabled={saving}>
        {saving ? "Saving…" : event ? "Save changes" : "Create event"}
      </button>
    </form>
  );
}

"use client";

import type { AdminRouterOutputs } from "@marquee/api";
import { formatCount } from "@marquee/ui/format";
import { useTRPC } from "@marquee/ui/trpc";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { type FormEvent, useState } from "react";
import { QueryError } from "~/components/query-error.tsx";
import { Field, FormError, fieldError, fromLocalInput, intOf, textOf } from "./form-kit.tsx";

type TType = AdminRouterOutputs["ticketType"]["list"][number];
type TPriceZone = AdminRouterOutputs["event"]["detail"]["priceZones"][number];
const money = (minor: number, currency: string) => new Intl.NumberFormat("en", { style: "currency", currency }).format(minor / 100);

/**
 * The event's ticket types: capacity edits (checked against sold + held), archive, an early-bird tier, and a form for a new type.
 * On a reserved event a type sells one price zone's seats, so the form asks for the zone instead of a capacity.
 */
export function TicketTypesPanel({ organizationId, eventId }: { organizationId: string; eventId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const types = useQuery(trpc.ticketType.list.queryOptions({ organizationId, eventId }));
  const event = useQuery(trpc.event.detail.queryOptions({ organizationId, eventId }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.ticketType.pathKey() });
  const create = useMutation(trpc.ticketType.create.mutationOptions({ onSuccess: refresh }));

  if (types.isPending || event.isPending) return <p className="muted">Loading ticket types…</p>;
  if (types.isError) return <QueryError error={types.error} onRetry={() => void types.refetch()} />;
  if (event.isError) return <QueryError error={event.error} onRetry={() => void event.refetch()} />;
  const reserved = event.data.seatingMode === "RESERVED";
  const zones = event.data.priceZones;

  const onCreate = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    create.mutate(
      {
        organizationId,
        eventId,
        name: textOf(data.get("name")),
        ...(reserved ? { capacity: null, priceZoneId: textOf(data.get("priceZoneId")) || null } : { capacity: intOf(data.get("capacity")) }),
        priceMinor: Math.round(Number(textOf(data.get("price")) || "0") * 100),
        maxPerOrder: intOf(data.get("maxPerOrder")),
        hiddenUnlessVoucher: data.get("hidden") === "on",
      },
      { onSuccess: () => form.reset() },
    );
  };
  const err = (field: string) => fieldError(create.error, field);
  return (
    <div className="stack">
      {types.data.length === 0 ? (
        <p className="card muted">No ticket types yet.</p>
      ) : (
        types.data.map((type) => <TicketTypeCard key={type.id} organizationId={organizationId} type={type} zones={zones} />)
      )}
      <form className="card stack" onSubmit={onCreate} noValidate aria-labelledby="new-type-title">
        <h2 id="new-type-title">New ticket type</h2>
        <Field id="tt-name" label="Name" error={err("name")}>
          <input id="tt-name" name="name" required maxLength={100} />
        </Field>
        {reserved ? (
          <Field id="tt-zone" label="Price zone" hint="The seats of this zone on the seat map sell at this type's price." error={err("priceZoneId")}>
            <select id="tt-zone" name="priceZoneId" aria-describedby={err("priceZoneId") ? "tt-zone-error" : "tt-zone-hint"}>
              {zones.map((zone) => (
                <option key={zone.id} value={zone.id}>
                  {zone.name}
                </option>
              ))}
            </select>
          </Field>
        ) : (
          <Field id="tt-capacity" label="Capacity" error={err("capacity")}>
            <input id="tt-capacity" name="capacity" type="number" min={0} />
          </Field>
        )}
        <Field id="tt-price" label="Price (EUR, tax included)" error={err("priceMinor")}>
          <input id="tt-price" name="price" type="number" min={0} step="0.01" />
        </Field>
        <Field id="tt-max" label="Per order (max, optional)" error={err("maxPerOrder")}>
          <input id="tt-max" name="maxPerOrder" type="number" min={1} max={100} />
        </Field>
        <label>
          <input type="checkbox" name="hidden" /> Hidden: sold only with a voucher that names it
        </label>
        <FormError error={create.error} fields={["name", "capacity", "priceZoneId", "priceMinor", "maxPerOrder"]} />
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {create.isPending ? "Adding…" : "Add ticket type"}
        </button>
      </form>
    </div>
  );
}

function TicketTypeCard({ organizationId, type, zones }: { organizationId: string; type: TType; zones: TPriceZone[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.ticketType.pathKey() });
  const update = useMutation(trpc.ticketType.update.mutationOptions({ onSuccess: refresh }));
  const archive = useMutation(trpc.ticketType.archive.mutationOptions({ onSuccess: refresh }));
  const tiers = useMutation(trpc.ticketType.setPriceTiers.mutationOptions({ onSuccess: refresh }));
  const [capacity, setCapacity] = useState(String(type.capacity ?? ""));
  const prefix = `type-${type.id}`;

  const onEarlyBird = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const regular = type.priceTiers
      .filter((t) => t.name !== "Early bird")
      .map((t) => ({
        id: t.id,
        name: t.name,
        priceMinor: t.priceMinor,
        taxRateBp: t.taxRateBp,
        validFrom: t.validFrom,
        validUntil: t.validUntil,
        quantityLimit: t.quantityLimit,
      }));
    tiers.mutate({
      organizationId,
      ticketTypeId: type.id,
      tiers: [
        {
          name: "Early bird",
          priceMinor: Math.round(Number(textOf(data.get("price")) || "0") * 100),
          validUntil: fromLocalInput(data.get("until")),
          quantityLimit: intOf(data.get("limit")),
        },
        ...regular,
      ],
    });
  };
  return (
    <section className="card stack" aria-labelledby={`${prefix}-title`}>
      <h2 id={`${prefix}-title`}>
        {type.name} {type.active ? null : <span className="badge">Archived</span>} {type.hiddenUnlessVoucher ? <span className="badge">Hidden</span> : null}
      </h2>
      <p className="muted">
        {type.priceZoneId ? `Price zone ${zones.find((zone) => zone.id === type.priceZoneId)?.name ?? "—"} · ` : null}
        {formatCount(type.soldCount)} sold · prices:{" "}
        {type.priceTiers.map((t) => `${t.name} ${money(t.priceMinor, t.currency)}${t.quantityLimit ? ` (first ${t.quantityLimit})` : ""}`).join(", ")}
      </p>
      <p>
        <Link href={`/orgs/${organizationId}/events/${type.eventId}/ticket-types/${type.id}/pricing`} data-testid={`demand-pricing-link-${type.id}`}>
          Demand pricing for {type.name}
        </Link>
      </p>
      {type.capacity !== null ? (
        <form
          className="inline-form"
          onSubmit={(e) => (e.preventDefault(), update.mutate({ organizationId, ticketTypeId: type.id, capacity: Number(capacity) }))}
        >
          <Field id={`${prefix}-capacity`} label="Capacity" error={fieldError(update.error, "capacity")}>
            <input id={`${prefix}-capacity`} type="number" min={0} value={capacity} onChange={(e) => setCapacity(e.target.value)} />
          </Field>
          <button type="submit" className="button" disabled={update.isPending}>
            {update.isPending ? "Saving…" : "Save capacity"}
          </button>
        </form>
      ) : null}
      <form className="inline-form" onSubmit={onEarlyBird} aria-label={`Early bird for ${type.name}`}>
        <Field id={`${prefix}-eb-price`} label="Early-bird price (EUR)" error={fieldError(tiers.error, "tiers")}>
          <input id={`${prefix}-eb-price`} name="price" type="number" min={0} step="0.01" required />
        </Field>
        <Field id={`${prefix}-eb-until`} label="Until">
          <input id={`${prefix}-eb-until`} name="until" type="datetime-local" />
        </Field>
        <Field id={`${prefix}-eb-limit`} label="For the first (tickets)">
          <input id={`${prefix}-eb-limit`} name="limit" type="number" min={1} />
        </Field>
        <button type="submit" className="button" disabled={tiers.isPending}>
          {tiers.isPending ? "Saving…" : "Set early bird"}
        </button>
      </form>
      {type.active ? (
        <button type="button" className="button" disabled={archive.isPending} onClick={() => archive.mutate({ organizationId, ticketTypeId: type.id })}>
          Archive
        </button>
      ) : null}
      {update.error && !fieldError(update.error, "capacity") ? (
        <p className="alert" role="alert">
          {update.error.message}
        </p>
      ) : null}
    </section>
  );
}

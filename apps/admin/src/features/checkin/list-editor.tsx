"use client";

import type { TCheckinList } from "@marquee/api/services/checkin/checkin-schemas";
import { useTRPC } from "@marquee/ui/trpc";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Field, FormError, fieldError } from "../events/form-kit.tsx";
import styles from "./checkin.module.css";
import { fromZonedInput, toZonedInput } from "./zoned-time.ts";

/** Create (no list) or edit a check-in list: name, ticket types, exit scans, re-entry, valid from/until in the event's zone. */
export function ListEditor({
  organizationId,
  eventId,
  timeZone,
  list,
  ticketTypes,
  onSaved,
  onCancel,
}: {
  organizationId: string;
  eventId: string;
  timeZone: string;
  list: TCheckinList | null;
  ticketTypes: { id: string; name: string }[];
  onSaved: () => void;
  onCancel: () => void;
}) {
  const trpc = useTRPC();
  const [allTypes, setAllTypes] = useState(list?.allTicketTypes ?? true);
  const save = useMutation(trpc.checkin.saveList.mutationOptions({ onSuccess: onSaved }));
  const err = (field: string) => fieldError(save.error, field);
  const prefix = list ? `list-${list.id.slice(0, 8)}` : "list-new";

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    save.mutate({
      organizationId,
      eventId,
      ...(list ? { listId: list.id } : {}),
      name: String(data.get("name") ?? ""),
      allTicketTypes: allTypes,
      ticketTypeIds: allTypes ? [] : data.getAll("ticketTypeIds").map(String),
      exitScans: data.get("exitScans") === "on",
      allowReentry: data.get("allowReentry") === "on",
      validFrom: fromZonedInput(String(data.get("validFrom") ?? ""), timeZone),
      validUntil: fromZonedInput(String(data.get("validUntil") ?? ""), timeZone),
    });
  };

  return (
    <form className={`card stack ${styles.form}`} onSubmit={submit} aria-labelledby={`${prefix}-title`}>
      <h2 id={`${prefix}-title`}>{list ? `Edit “${list.name}”` : "New check-in list"}</h2>
      <Field id={`${prefix}-name`} label="Name" error={err("name")}>
        <input id={`${prefix}-name`} name="name" required maxLength={80} defaultValue={list?.name ?? ""} autoComplete="off" />
      </Field>
      <fieldset className={styles.choices}>
        <legend>Ticket types</legend>
        <label>
          <input type="radio" name="types" checked={allTypes} onChange={() => setAllTypes(true)} /> All ticket types
        </label>
        <label>
          <input type="radio" name="types" checked={!allTypes} onChange={() => setAllTypes(false)} /> Only these:
        </label>
        {!allTypes
          ? ticketTypes.map((type) => (
              <label key={type.id} className={styles.indented}>
                <input type="checkbox" name="ticketTypeIds" value={type.id} defaultChecked={list?.ticketTypeIds.includes(type.id)} /> {type.name}
              </label>
            ))
          : null}
        {err("ticketTypeIds") ? <span className="field-error">{err("ticketTypeIds")}</span> : null}
      </fieldset>
      <fieldset className={styles.choices}>
        <legend>Rules</legend>
        <label>
          <input type="checkbox" name="exitScans" defaultChecked={list?.exitScans ?? false} /> Exit scans (count who is inside)
        </label>
        <label>
          <input type="checkbox" name="allowReentry" defaultChecked={list?.allowReentry ?? false} /> Re-entry allowed after an exit scan
        </label>
      </fieldset>
      <div className={styles.twoFields}>
        <Field id={`${prefix}-from`} label={`Valid from (${timeZone})`} hint="Empty: any time." error={err("validFrom")}>
          <input id={`${prefix}-from`} name="validFrom" type="datetime-local" defaultValue={toZonedInput(list?.validFrom, timeZone)} />
        </Field>
        <Field id={`${prefix}-until`} label={`Valid until (${timeZone})`} hint="Empty: any time." error={err("validUntil")}>
          <input id={`${prefix}-until`} name="validUntil" type="datetime-local" defaultValue={toZonedInput(list?.validUntil, timeZone)} />
        </Field>
      </div>
      <FormError error={save.error} fields={["name", "ticketTypeIds", "validFrom", "validUntil"]} />
      <div className="event-actions">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? "Saving…" : list ? "Save list" : "Create list"}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

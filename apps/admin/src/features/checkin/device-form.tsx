"use client";

import type { TCheckinList, TDevicePairing } from "@marquee/api/services/checkin/checkin-schemas";
import { useTRPC } from "@marquee/ui/trpc";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Field, FormError, fieldError } from "../events/form-kit.tsx";
import styles from "./checkin.module.css";

/**
 * A new scanner device: name, gate, role, the events it may scan (this one ticked) and, optionally,
 * only some of this event's lists. On success the caller shows the pairing panel.
 */
export function DeviceForm({
  organizationId,
  eventId,
  lists,
  onCreated,
  onCancel,
}: {
  organizationId: string;
  eventId: string;
  lists: TCheckinList[];
  onCreated: (pairing: TDevicePairing) => void;
  onCancel: () => void;
}) {
  const trpc = useTRPC();
  const events = useQuery(trpc.event.listForOrganization.queryOptions({ organizationId }));
  const [eventIds, setEventIds] = useState<string[]>([eventId]);
  const create = useMutation(trpc.checkin.createDevice.mutationOptions({ onSuccess: onCreated }));
  const err = (field: string) => fieldError(create.error, field);
  const toggle = (id: string, on: boolean) => setEventIds((ids) => (on ? [...ids, id] : ids.filter((x) => x !== id)));

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    create.mutate({
      organizationId,
      name: String(data.get("name") ?? ""),
      gate: String(data.get("gate") ?? ""),
      role: data.get("role") === "SUPERVISOR" ? "SUPERVISOR" : "SCANNER",
      eventIds,
      listIds: data.getAll("listIds").map(String),
    });
  };
  const others = (events.data ?? []).filter((e) => e.id !== eventId && e.status !== "CANCELLED");
  const active = lists.filter((l) => !l.archived);

  return (
    <form className={`card stack ${styles.form}`} onSubmit={submit} aria-labelledby="new-device-title">
      <h2 id="new-device-title">New scanner device</h2>
      <Field id="device-name" label="Name" hint="What the door staff call the phone, e.g. “Door 1 iPhone”." error={err("name")}>
        <input id="device-name" name="name" required maxLength={80} autoComplete="off" aria-describedby="device-name-hint" />
      </Field>
      <Field id="device-gate" label="Gate" error={err("gate")}>
        <input id="device-gate" name="gate" required maxLength={60} defaultValue="Main entrance" autoComplete="off" />
      </Field>
      <fieldset className={styles.choices}>
        <legend>Role</legend>
        <label>
          <input type="radio" name="role" value="SCANNER" defaultChecked /> Scanner: scans tickets only
        </label>
        <label>
          <input type="radio" name="role" value="SUPERVISOR" /> Supervisor: also searches attendees, overrides with a reason and sees all gates
        </label>
      </fieldset>
      <fieldset className={styles.choices}>
        <legend>Events it may scan</legend>
        <label>
          <input type="checkbox" checked={eventIds.includes(eventId)} onChange={(e) => toggle(eventId, e.target.checked)} /> This event
        </label>
        {others.slice(0, 19).map((event) => (
          <label key={event.id}>
            <input type="checkbox" checked={eventIds.includes(event.id)} onChange={(e) => toggle(event.id, e.target.checked)} /> {event.name}
          </label>
        ))}
        {err("eventIds") ? <span className="field-error">{err("eventIds")}</span> : null}
      </fieldset>
      {active.length > 1 ? (
        <fieldset className={styles.choices}>
          <legend>Only these lists of this event (none ticked: every list)</legend>
          {active.map((list) => (
            <label key={list.id}>
              <input type="checkbox" name="listIds" value={list.id} /> {list.name}
            </label>
          ))}
        </fieldset>
      ) : null}
      <FormError error={create.error} fields={["name", "gate", "eventIds"]} />
      <div className="event-actions">
        <button type="submit" className="button button-primary" disabled={create.isPending || eventIds.length === 0}>
          {create.isPending ? "Creating…" : "Create and show pairing code"}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

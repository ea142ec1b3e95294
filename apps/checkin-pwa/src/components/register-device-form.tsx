"use client";

import { useTRPC, useTRPCClient } from "@marquee/ui/trpc";
import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { APP_VERSION } from "~/scanner/device-api.ts";
import { saveDeviceSession } from "~/scanner/pairing.ts";

/** Choose events, a gate and a name; registers this phone with the signed-in account and opens the scanner. */
export function RegisterDeviceForm({ organization, defaultName }: { organization: { id: string; name: string; supervise: boolean }; defaultName: string }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const router = useRouter();
  const events = useQuery(trpc.checkin.events.queryOptions({ organizationId: organization.id }));
  const [eventIds, setEventIds] = useState<string[]>([]);
  const [name, setName] = useState(defaultName.slice(0, 80));
  const [gate, setGate] = useState("Main entrance");
  const [role, setRole] = useState<"SCANNER" | "SUPERVISOR">("SCANNER");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function register() {
    if (eventIds.length === 0) return setError("Choose at least one event.");
    setBusy(true);
    setError(null);
    try {
      const answer = await client.checkin.registerDevice.mutate({ organizationId: organization.id, name, gate, role, eventIds, appVersion: APP_VERSION });
      await saveDeviceSession({ device: answer.device, credential: answer.credential, serverTime: answer.serverTime.toISOString() });
      router.push("/scan");
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      setBusy(false);
    }
  }

  return (
    <section className="card stack" aria-labelledby="register-heading">
      <h1 id="register-heading">Use this phone as a scanner</h1>
      <p className="muted">{organization.name}: the phone gets its own device credential and keeps scanning offline. The organiser sees it under Devices.</p>
      <form
        className="stack"
        onSubmit={(event) => {
          event.preventDefault();
          void register();
        }}
      >
        <fieldset>
          <legend>Events</legend>
          {events.data?.length === 0 ? <p className="muted">Nothing to scan this week.</p> : null}
          {events.data?.map((event) => (
            <label key={event.id} className="check">
              <input
                type="checkbox"
                checked={eventIds.includes(event.id)}
                onChange={(change) => setEventIds((ids) => (change.target.checked ? [...ids, event.id] : ids.filter((id) => id !== event.id)))}
              />{" "}
              {event.name}
            </label>
          ))}
        </fieldset>
        <label htmlFor="device-gate">Gate</label>
        <input id="device-gate" value={gate} maxLength={60} required onChange={(event) => setGate(event.target.value)} />
        <label htmlFor="device-name">Device name</label>
        <input id="device-name" value={name} maxLength={80} required onChange={(event) => setName(event.target.value)} />
        {organization.supervise ? (
          <label className="check">
            <input type="checkbox" checked={role === "SUPERVISOR"} onChange={(event) => setRole(event.target.checked ? "SUPERVISOR" : "SCANNER")} /> Supervisor
            (search attendees, override with a reason)
          </label>
        ) : null}
        {error ? (
          <p className="alert" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="button big primary" disabled={busy}>
          Start scanning
        </button>
      </form>
    </section>
  );
}

"use client";

import type { TConsoleDevice, TDevicePairing } from "@marquee/api/services/checkin/checkin-schemas";
import { useTRPC } from "@marquee/ui/trpc";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { QueryError } from "~/components/query-error.tsx";
import { ConfirmDialog } from "../events/confirm-dialog.tsx";
import { mutationErrorMessage } from "../signup/mutation-error.ts";
import { DeviceForm } from "./device-form.tsx";
import { type TDeviceAction, DevicesTable } from "./devices-table.tsx";
import { PairingPanel } from "./pairing-panel.tsx";
import { useClock } from "./use-clock.ts";

/** A slow refresh so "last seen" and a freshly paired device show up without a reload. */
const DEVICES_POLL_MS = 5_000;

/**
 * The event's scanner devices (members with device.manage only: the page is not shown to others):
 * the table, the create form, the pairing panel after create / new code / roll, and revoke.
 */
export function DevicesPanel({ organizationId, eventId }: { organizationId: string; eventId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const now = useClock();
  const [creating, setCreating] = useState(false);
  const [pairing, setPairing] = useState<TDevicePairing | null>(null);
  const [confirm, setConfirm] = useState<{ action: "roll" | "revoke"; device: TConsoleDevice } | null>(null);
  const devices = useQuery({ ...trpc.checkin.devices.queryOptions({ organizationId, eventId }), refetchInterval: DEVICES_POLL_MS });
  const lists = useQuery(trpc.checkin.lists.queryOptions({ organizationId, eventId }));
  const events = useQuery(trpc.event.listForOrganization.queryOptions({ organizationId }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.checkin.devices.pathKey() });
  const showPairing = (next: TDevicePairing) => {
    setPairing(next);
    setCreating(false);
    setConfirm(null);
    void refresh();
  };
  const roll = useMutation(trpc.checkin.rollDevice.mutationOptions({ onSuccess: showPairing }));
  const revoke = useMutation(
    trpc.checkin.revokeDevice.mutationOptions({
      onSuccess: (device) => {
        setConfirm(null);
        if (pairing?.device.id === device.id) setPairing(null);
        void refresh();
      },
    }),
  );

  if (devices.isPending) return <p className="muted">Loading devices…</p>;
  if (devices.isError) return <QueryError error={devices.error} onRetry={() => void devices.refetch()} />;
  const eventNames = new Map((events.data ?? []).map((e) => [e.id, e.name]));
  const busy = roll.isPending || revoke.isPending;
  const failure = roll.error ?? revoke.error;
  const onAction = (action: TDeviceAction, device: TConsoleDevice) => {
    if (action === "newCode") roll.mutate({ organizationId, deviceId: device.id });
    else setConfirm({ action, device });
  };

  return (
    <div className="stack">
      {pairing ? (
        <PairingPanel
          pairing={pairing}
          busy={busy}
          onNewCode={() => roll.mutate({ organizationId, deviceId: pairing.device.id })}
          onClose={() => setPairing(null)}
        />
      ) : null}
      {creating ? (
        <DeviceForm organizationId={organizationId} eventId={eventId} lists={lists.data ?? []} onCreated={showPairing} onCancel={() => setCreating(false)} />
      ) : (
        <div className="event-actions">
          <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
            New device
          </button>
        </div>
      )}
      {failure ? (
        <p className="alert" role="alert">
          {mutationErrorMessage(failure)}
        </p>
      ) : null}
      {devices.data.length ? (
        <DevicesTable devices={devices.data} eventNames={eventNames} lists={lists.data ?? []} now={now} busy={busy} onAction={onAction} />
      ) : (
        <p className="muted">No scanner devices for this event yet. Door staff can also sign in to the scanner app with their own account.</p>
      )}
      <ConfirmDialog
        open={confirm?.action === "revoke"}
        title={`Revoke “${confirm?.device.name ?? ""}”?`}
        confirmLabel="Revoke device"
        confirmDisabled={busy}
        onClose={() => setConfirm(null)}
        onConfirm={() => confirm && revoke.mutate({ organizationId, deviceId: confirm.device.id })}
      >
        <p>The phone is refused at its next contact and wipes its local data. Scans it already uploaded stay counted.</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirm?.action === "roll"}
        title={`Roll the credential of “${confirm?.device.name ?? ""}”?`}
        confirmLabel="Roll credential"
        confirmDisabled={busy}
        onClose={() => setConfirm(null)}
        onConfirm={() => confirm && roll.mutate({ organizationId, deviceId: confirm.device.id })}
      >
        <p>Its current credential stops working at once. The phone must be paired again with the new code.</p>
      </ConfirmDialog>
    </div>
  );
}

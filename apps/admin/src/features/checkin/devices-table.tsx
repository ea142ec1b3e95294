"use client";

import type { TCheckinList, TConsoleDevice } from "@marquee/api/services/checkin/checkin-schemas";
import { formatCount, formatDateTime } from "@marquee/ui/format";
import { agoText } from "./checkin-format.ts";
import styles from "./checkin.module.css";

const STATUS = { PENDING: "Waiting to pair", ACTIVE: "Active", REVOKED: "Revoked" } as const;
const ROLE = { SCANNER: "Scanner", SUPERVISOR: "Supervisor" } as const;

export type TDeviceAction = "newCode" | "roll" | "revoke";

function scopeText(device: TConsoleDevice, eventNames: Map<string, string>, lists: TCheckinList[]): string {
  const events = device.eventIds.map((id) => eventNames.get(id) ?? "another event").join(", ");
  if (!device.listIds.length) return `${events} · every list`;
  const names = device.listIds.map((id) => lists.find((l) => l.id === id)?.name ?? "a list of another event");
  return `${events} · ${names.join(", ")}`;
}

/** The devices as a table on a desktop and as cards on a phone (the cells label themselves there). */
export function DevicesTable({
  devices,
  eventNames,
  lists,
  now,
  busy,
  onAction,
}: {
  devices: TConsoleDevice[];
  eventNames: Map<string, string>;
  lists: TCheckinList[];
  now: number;
  busy: boolean;
  onAction: (action: TDeviceAction, device: TConsoleDevice) => void;
}) {
  const seen = (at: Date | null) => (now ? agoText(at, now) : at ? formatDateTime(at) : "never");
  return (
    <div className={`card table-wrap ${styles.cardsOnPhone}`}>
      <table>
        <caption className="visually-hidden">Scanner devices</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Gate</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">Events and lists</th>
            <th scope="col">Last seen</th>
            <th scope="col">Last sync</th>
            <th scope="col">App version</th>
            <th scope="col">Scans</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {devices.map((device) => {
            const expired = device.status === "PENDING" && device.pairingExpiresAt !== null && now > 0 && device.pairingExpiresAt.getTime() <= now;
            return (
              <tr key={device.id} data-device-id={device.id}>
                <th scope="row" data-label="Name">
                  {device.name}
                  {device.registeredBy ? <span className="muted small"> (by {device.registeredBy})</span> : null}
                </th>
                <td data-label="Gate">{device.gate}</td>
                <td data-label="Role">{ROLE[device.role]}</td>
                <td data-label="Status">
                  <span className={`badge ${device.status === "ACTIVE" ? "badge-success" : device.status === "PENDING" ? "badge-warning" : ""}`}>
                    {expired ? "Pairing code expired" : STATUS[device.status]}
                  </span>
                </td>
                <td data-label="Events and lists">{scopeText(device, eventNames, lists)}</td>
                <td data-label="Last seen">{seen(device.lastSeenAt)}</td>
                <td data-label="Last sync">{seen(device.lastSyncAt)}</td>
                <td data-label="App version">{device.appVersion ?? "—"}</td>
                <td data-label="Scans" className="numeric">
                  {formatCount(device.scanCount)}
                </td>
                <td data-label="Actions">
                  <div className={styles.rowActions}>
                    {device.status === "PENDING" ? (
                      <button type="button" className="button" disabled={busy} onClick={() => onAction("newCode", device)}>
                        New code<span className="visually-hidden"> for {device.name}</span>
                      </button>
                    ) : null}
                    {device.status === "ACTIVE" ? (
                      <button type="button" className="button" disabled={busy} onClick={() => onAction("roll", device)}>
                        Roll credential…<span className="visually-hidden"> of {device.name}</span>
                      </button>
                    ) : null}
                    {device.status !== "REVOKED" ? (
                      <button type="button" className="button button-danger" disabled={busy} onClick={() => onAction("revoke", device)}>
                        Revoke…<span className="visually-hidden"> {device.name}</span>
                      </button>
                    ) : null}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

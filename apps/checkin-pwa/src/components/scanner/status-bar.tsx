"use client";

import { useEffect, useState } from "react";
import type { TScannerSnapshot } from "~/scanner/scanner-engine.ts";

function ago(ms: number | null, now: number): string {
  if (ms === null) return "never";
  const seconds = Math.max(0, Math.round((now - ms) / 1000));
  if (seconds < 120) return `${seconds} s ago`;
  const minutes = Math.round(seconds / 60);
  return minutes < 120 ? `${minutes} min ago` : `${Math.round(minutes / 60)} h ago`;
}

/** Online/Offline, "last synced N s ago", the uploads waiting, and whether the first full sync is done. */
export function StatusBar({ snapshot }: { snapshot: TScannerSnapshot }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const device = snapshot.session?.device;
  return (
    <header className="status-bar">
      <span data-testid="connection" className={snapshot.online ? "pill online" : "pill offline"}>
        {snapshot.online ? "Online" : "Offline"}
      </span>
      <span data-testid="last-synced" data-synced-at={snapshot.lastSyncAt ?? ""}>
        Synced {ago(snapshot.lastSyncAt, now)}
      </span>
      <span data-testid="pending-uploads" data-count={snapshot.pending}>
        {snapshot.pending} to upload
      </span>
      <span data-testid="sync-state" data-state={snapshot.ready ? "ready" : "syncing"} className="muted">
        {snapshot.ready ? (snapshot.live ? "Live" : "Ready") : "Syncing…"}
      </span>
      {device ? (
        <span className="muted device-name">
          {device.name} · {device.gate}
          {device.role === "SUPERVISOR" ? " · supervisor" : ""}
        </span>
      ) : null}
    </header>
  );
}

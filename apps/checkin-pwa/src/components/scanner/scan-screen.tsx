"use client";

import { useEffect, useRef, useState } from "react";
import type { ScannerEngine, TScannerSnapshot } from "~/scanner/scanner-engine.ts";
import { CameraScanner } from "./camera-scanner.tsx";
import { RecentScans } from "./recent-scans.tsx";
import { StatusBar } from "./status-bar.tsx";
import { SupervisorPanel } from "./supervisor-panel.tsx";
import { VerdictOverlay } from "./verdict-overlay.tsx";

const VERDICT_SHOWN_MS = 3000;

/** The door: list and direction, the scan field (hardware scanners type into it + Enter), the camera, the verdict, counts, recent scans, Undo. */
export function ScanScreen({ engine, snapshot }: { engine: ScannerEngine; snapshot: TScannerSnapshot }) {
  const input = useRef<HTMLInputElement>(null);
  const [code, setCode] = useState("");
  const [camera, setCamera] = useState(false);
  const lists = engine.index.lists.filter((list) => !list.archived);
  const list = lists.find((entry) => entry.id === snapshot.listId);
  const verdict = snapshot.verdict;

  useEffect(() => {
    if (!verdict) return;
    const timer = setTimeout(() => engine.dismissVerdict(), VERDICT_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [engine, verdict]);

  const submit = (value: string) => {
    setCode("");
    input.current?.focus();
    void engine.scan(value);
  };
  const undoable = engine.undoable();
  const eventName = list ? engine.index.events.find((event) => event.id === list.eventId)?.name : undefined;

  return (
    <div className="scanner-shell">
      <StatusBar snapshot={snapshot} />
      <div className="scan-controls">
        <label>
          <span className="muted">List</span>
          <select value={snapshot.listId ?? ""} onChange={(event) => void engine.select(event.target.value, snapshot.kind)} aria-label="Check-in list">
            {lists.length === 0 ? <option value="">Waiting for the first sync…</option> : null}
            {lists.map((entry) => (
              <option key={entry.id} value={entry.id}>
                {engine.index.events.find((event) => event.id === entry.eventId)?.name ?? "Event"} · {entry.name}
              </option>
            ))}
          </select>
        </label>
        {list?.exitScans ? (
          <div className="kind-switch" role="group" aria-label="Direction">
            {(["ENTRY", "EXIT"] as const).map((kind) => (
              <button key={kind} type="button" className="button" aria-pressed={snapshot.kind === kind} onClick={() => void engine.select(list.id, kind)}>
                {kind === "ENTRY" ? "Entry" : "Exit"}
              </button>
            ))}
          </div>
        ) : null}
      </div>
      <form
        className="scan-form"
        onSubmit={(event) => {
          event.preventDefault();
          submit(code);
        }}
      >
        <input
          ref={input}
          data-testid="scan-input"
          aria-label="Ticket code"
          placeholder={list ? "Scan or type a ticket code" : "Syncing…"}
          value={code}
          autoFocus
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          enterKeyHint="go"
          onChange={(event) => setCode(event.target.value)}
          onBlur={() => {
            // A hardware scanner types into whatever has focus: keep it here unless another control took it.
            setTimeout(() => {
              if (document.activeElement === document.body) input.current?.focus();
            }, 0);
          }}
        />
        <button type="submit" className="button primary">
          Check
        </button>
      </form>
      <div className="scan-actions">
        <button type="button" className="button" onClick={() => setCamera((on) => !on)}>
          {camera ? "Stop camera" : "Camera"}
        </button>
        <button type="button" className="button" disabled={!undoable} onClick={() => void engine.undoLast()}>
          Undo
        </button>
      </div>
      {camera ? <CameraScanner onCode={submit} /> : null}
      <div className="counts">
        <p data-testid="count-gate" data-count={snapshot.counts.gate}>
          <strong>{snapshot.counts.gate}</strong> in at {snapshot.session?.device.gate}
        </p>
        <p data-testid="count-total" data-count={snapshot.counts.total}>
          <strong>{snapshot.counts.total}</strong> in total{eventName ? ` · ${eventName}` : ""}
        </p>
      </div>
      {snapshot.session?.device.role === "SUPERVISOR" ? <SupervisorPanel engine={engine} snapshot={snapshot} /> : null}
      <RecentScans scans={snapshot.recent} />
      {verdict ? <VerdictOverlay verdict={verdict} onDismiss={() => engine.dismissVerdict()} /> : null}
    </div>
  );
}

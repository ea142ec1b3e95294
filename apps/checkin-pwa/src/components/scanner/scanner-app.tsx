"use client";

import { useEffect, useState, useSyncExternalStore } from "react";
import { ScannerEngine } from "~/scanner/scanner-engine.ts";
import { PairingScreen } from "./pairing-screen.tsx";
import { RevokedScreen } from "./revoked-screen.tsx";
import { ScanScreen } from "./scan-screen.tsx";

// The scanner page's root: registers the service worker, owns the engine, follows the browser's
// online/offline events, and shows the screen for the phase (pairing, scanning, revoked).

/** The whole door app, client side. */
export function ScannerApp() {
  const [engine] = useState(() => new ScannerEngine());
  const snapshot = useSyncExternalStore(engine.subscribe, engine.getSnapshot, engine.getSnapshot);

  useEffect(() => {
    // The worker that makes the next start work offline (it precaches this page and its assets).
    if ("serviceWorker" in navigator) navigator.serviceWorker.register("/serwist/sw.js", { scope: "/" }).catch(() => undefined);
    void engine.start();
    const online = () => engine.setOnline(true);
    const offline = () => engine.setOnline(false);
    window.addEventListener("online", online);
    window.addEventListener("offline", offline);
    return () => {
      window.removeEventListener("online", online);
      window.removeEventListener("offline", offline);
      engine.stop();
    };
  }, [engine]);

  if (snapshot.phase === "loading") {
    return (
      <div className="scanner-shell">
        <p className="muted">Opening the scanner…</p>
      </div>
    );
  }
  if (snapshot.phase === "revoked") return <RevokedScreen message={snapshot.revokedMessage} onPairAgain={() => engine.pairAgain()} />;
  if (snapshot.phase === "pairing") return <PairingScreen engine={engine} notice={snapshot.revokedMessage} />;
  return <ScanScreen engine={engine} snapshot={snapshot} />;
}

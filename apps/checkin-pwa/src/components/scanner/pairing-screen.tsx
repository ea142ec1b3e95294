"use client";

import { useState } from "react";
import { DeviceApiError } from "~/scanner/device-api.ts";
import { parsePairingText } from "~/scanner/pairing.ts";
import type { ScannerEngine } from "~/scanner/scanner-engine.ts";
import { CameraScanner } from "./camera-scanner.tsx";

/** Pairing: scan the console's QR code, or paste/type its text or the XXXX-XXXX-XXXX code; or sign in with an account. */
export function PairingScreen({ engine, notice }: { engine: ScannerEngine; notice: string | null }) {
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [camera, setCamera] = useState(false);

  async function pair(raw: string) {
    const parsed = parsePairingText(raw);
    if (!parsed.ok) return setError(parsed.message);
    setBusy(true);
    setError(null);
    try {
      await engine.pair(parsed.token);
    } catch (failure) {
      const code = failure instanceof DeviceApiError ? failure.code : "";
      setError(code === "NETWORK" ? "Pairing needs a network connection." : failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="scanner-shell pairing" aria-labelledby="pairing-heading">
      <h1 id="pairing-heading">Pair this device</h1>
      {notice ? (
        <p className="alert" role="status">
          {notice}
        </p>
      ) : null}
      <p className="muted">In the console (event → Check-in → Devices) create a device and scan its QR code, or type the code shown under it.</p>
      {camera ? (
        <CameraScanner
          onCode={(code) => {
            setCamera(false);
            setText(code);
            void pair(code);
          }}
        />
      ) : (
        <button type="button" className="button big" onClick={() => setCamera(true)}>
          Scan the pairing QR code
        </button>
      )}
      <form
        className="stack"
        onSubmit={(event) => {
          event.preventDefault();
          void pair(text);
        }}
      >
        <label htmlFor="pairing-code">Pairing code</label>
        <textarea
          id="pairing-code"
          data-testid="pairing-code"
          rows={3}
          value={text}
          autoCapitalize="characters"
          autoComplete="off"
          spellCheck={false}
          placeholder="ABCD-EFGH-JKMN"
          onChange={(event) => setText(event.target.value)}
        />
        {error ? (
          <p className="alert" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="button big primary" disabled={busy}>
          Pair this device
        </button>
      </form>
      <p>
        <a href="/register">Sign in with my account instead</a>
      </p>
    </section>
  );
}

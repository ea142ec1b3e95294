"use client";

import type { TDevicePairing } from "@marquee/api/services/checkin/checkin-schemas";
import QRCode from "qrcode";
import { useEffect, useState } from "react";
import { countdownText, groupedToken } from "./checkin-format.ts";
import styles from "./checkin.module.css";
import { useClock } from "./use-clock.ts";

/** The QR code of a pairing payload as SVG text (the qrcode package, as for two-factor sign-in). */
function useQrSvg(text: string): string | null {
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 2 })
      .then((out) => current && setSvg(out))
      .catch(() => current && setSvg(null));
    return () => {
      current = false;
    };
  }, [text]);
  return svg;
}

/**
 * A device waiting to be paired: its QR code, the token to type and the time left (15 min). Once
 * expired (or any time), "New code" rolls the pairing: the old code dies.
 */
export function PairingPanel({ pairing, onNewCode, onClose, busy }: { pairing: TDevicePairing; onNewCode: () => void; onClose: () => void; busy: boolean }) {
  const svg = useQrSvg(pairing.qrText);
  const now = useClock();
  const expired = now > 0 && now >= pairing.expiresAt.getTime();
  return (
    <section className={`card ${styles.pairing}`} aria-labelledby="pairing-title">
      <h2 id="pairing-title">Pair “{pairing.device.name}”</h2>
      <p>On the phone, open the Marquee scanner and scan this code, or type the code below. It works once, for 15 minutes. Gate: {pairing.device.gate}.</p>
      <div className={styles.pairingBody}>
        {/* The SVG comes from the qrcode package drawing our own payload, never from user input. */}
        {svg ? (
          <div
            className={`qr-code ${styles.qr} ${expired ? styles.expired : ""}`}
            role="img"
            aria-label="Pairing QR code"
            dangerouslySetInnerHTML={{ __html: svg }}
          />
        ) : (
          <div className={styles.qr} role="img" aria-label="Drawing the pairing QR code" />
        )}
        <div className="stack">
          <p className="muted small">Code to type</p>
          <p className={styles.token} data-testid="pairing-token">
            {groupedToken(pairing.token)}
          </p>
          <p role="timer" aria-live="off" className={expired ? "field-error" : "muted"}>
            {expired ? "This code has expired." : `Expires in ${now ? countdownText(pairing.expiresAt, now) : "15:00"}`}
          </p>
          <div className="event-actions">
            <button type="button" className="button" disabled={busy} onClick={onNewCode}>
              New code
            </button>
            <button type="button" className="button" onClick={onClose}>
              Done
            </button>
          </div>
        </div>
      </div>
    </section>
  );
}

"use client";

import QRCode from "qrcode";
import { useEffect, useState } from "react";

/**
 * A ticket's signed code as a QR image, drawn in the browser (SVG: sharp at any zoom and in
 * print). The label is the image's accessible name, e.g. "QR code for ticket 7KX2-4PD9".
 */
export function TicketQr({ value, label, size = 192 }: { value: string; label: string; size?: number }) {
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    // Medium error correction survives a scratched screen; the quiet zone is the standard 4 modules.
    QRCode.toString(value, { type: "svg", errorCorrectionLevel: "M", margin: 4 })
      .then((markup) => current && setSvg(markup))
      .catch(() => current && setSvg(null));
    return () => {
      current = false;
    };
  }, [value]);
  if (!svg) return <div className="ticket-qr ticket-qr-pending" role="img" aria-label={label} style={{ width: size, height: size }} />;
  return <img className="ticket-qr" src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`} alt={label} width={size} height={size} />;
}

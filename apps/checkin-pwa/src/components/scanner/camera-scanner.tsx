"use client";

import jsQR from "jsqr";
import { useEffect, useRef, useState } from "react";

// The camera: the rear camera into a <video>, read a few times a second by the browser's
// BarcodeDetector where it has one, else by jsQR on a canvas (plain JS, bundled and precached,
// so it works offline). The same code in front of the camera is reported once per 2 seconds.

interface TBarcodeDetector {
  detect(source: CanvasImageSource): Promise<{ rawValue: string }[]>;
}
declare global {
  interface Window {
    BarcodeDetector?: new (options: { formats: string[] }) => TBarcodeDetector;
  }
}

const SAME_CODE_PAUSE_MS = 2000;

/** Reads QR codes from the camera and calls onCode for each new one. */
export function CameraScanner({ onCode }: { onCode: (code: string) => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(null);
  const callback = useRef(onCode);
  callback.current = onCode;

  useEffect(() => {
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let stopped = false;
    let last = { code: "", at: 0 };
    const detector = window.BarcodeDetector ? new window.BarcodeDetector({ formats: ["qr_code"] }) : null;
    const canvas = document.createElement("canvas");

    async function read(element: HTMLVideoElement): Promise<string | null> {
      if (element.readyState < 2) return null;
      if (detector) return (await detector.detect(element))[0]?.rawValue ?? null;
      const width = Math.min(640, element.videoWidth);
      const height = Math.round((element.videoHeight / element.videoWidth) * width) || width;
      canvas.width = width;
      canvas.height = height;
      const context = canvas.getContext("2d", { willReadFrequently: true });
      if (!context) return null;
      context.drawImage(element, 0, 0, width, height);
      const image = context.getImageData(0, 0, width, height);
      return jsQR(image.data, width, height, { inversionAttempts: "dontInvert" })?.data ?? null;
    }

    async function loop() {
      if (stopped || !video.current) return;
      try {
        const code = await read(video.current);
        const now = Date.now();
        if (code && (code !== last.code || now - last.at > SAME_CODE_PAUSE_MS)) {
          last = { code, at: now };
          callback.current(code);
        }
      } catch {
        // One bad frame: try the next.
      }
      timer = setTimeout(() => void loop(), 150);
    }

    navigator.mediaDevices
      ?.getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then(async (media) => {
        if (stopped) return media.getTracks().forEach((track) => track.stop());
        stream = media;
        if (video.current) {
          video.current.srcObject = media;
          await video.current.play().catch(() => undefined);
        }
        void loop();
      })
      .catch(() => setError("The camera is not available. Type the code or use a hardware scanner."));
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, []);

  return (
    <div className="camera">
      <video ref={video} muted playsInline aria-label="Camera" />
      {error ? (
        <p className="alert" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

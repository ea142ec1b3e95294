"use client";

import { useState } from "react";

/**
 * Copies a text to the clipboard and says so in a polite live region (screen readers hear
 * "Copied"). Where the clipboard is unavailable (plain http on another host) it says to copy by hand.
 */
export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      setState("failed");
    }
  };
  return (
    <span className="copy-button">
      <button type="button" className="button" onClick={() => void copy()}>
        {label}
      </button>
      <span role="status" aria-live="polite" className="muted small">
        {state === "copied" ? "Copied" : state === "failed" ? "Copy failed: select the text and copy it by hand." : ""}
      </span>
    </span>
  );
}

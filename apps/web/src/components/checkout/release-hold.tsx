"use client";

import { useEffect, useId, useRef, useState } from "react";
import { useI18n } from "~/i18n/provider.tsx";

interface TReleaseHoldProps {
  /** How many tickets the hold has, for the question. */
  ticketCount: number;
  pending: boolean;
  /** The last release failed for a reason worth retrying (network, server). */
  failed: boolean;
  onRelease(): void;
}

/**
 * "Release tickets", asked first: a modal <dialog> (the browser moves focus into it, keeps the page
 * behind inert and closes it on Escape) with the safe answer focused, so a stray tap on a phone
 * does not give the tickets away. Focus returns to the button when it closes.
 */
export function ReleaseHold({ ticketCount, pending, failed, onRelease }: TReleaseHoldProps) {
  const { m } = useI18n();
  const ids = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <div className="checkout-release">
      <button type="button" className="button" disabled={pending} onClick={() => setOpen(true)} aria-haspopup="dialog">
        {pending ? m.checkout.releasing : m.checkout.releaseButton}
      </button>
      {failed ? (
        <p className="alert small" role="alert">
          {m.checkout.releaseFailed}
        </p>
      ) : null}
      <dialog ref={dialogRef} className="release-dialog" aria-labelledby={`${ids}-heading`} aria-describedby={`${ids}-body`} onClose={() => setOpen(false)}>
        <h2 id={`${ids}-heading`}>{m.release.heading(ticketCount)}</h2>
        <p id={`${ids}-body`}>{m.release.body}</p>
        <div className="release-dialog-actions">
          <button type="button" className="button button-primary" onClick={() => setOpen(false)} autoFocus>
            {m.release.keep}
          </button>
          <button
            type="button"
            className="button button-danger"
            onClick={() => {
              setOpen(false);
              onRelease();
            }}
          >
            {m.release.confirm}
          </button>
        </div>
      </dialog>
    </div>
  );
}

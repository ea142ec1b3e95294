"use client";

import { type ReactNode, useEffect, useId, useRef } from "react";

/** A modal confirmation (native <dialog>) with its confirm and Back buttons: focus stays inside, Escape cancels. */
export function ConfirmDialog({
  open,
  title,
  children,
  onClose,
  confirmLabel,
  onConfirm,
  confirmDisabled = false,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  onClose: () => void;
  confirmLabel: string;
  onConfirm: () => void;
  confirmDisabled?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  // One id per dialog: a page with two dialogs must not name both after the first one's title.
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} className="card confirm-dialog" aria-labelledby={titleId} onClose={onClose}>
      <h2 id={titleId}>{title}</h2>
      {children}
      <div className="event-actions">
        <button type="button" className="button button-primary" disabled={confirmDisabled} onClick={onConfirm}>
          {confirmLabel}
        </button>
        <button type="button" className="button" onClick={onClose}>
          Back
        </button>
      </div>
    </dialog>
  );
}

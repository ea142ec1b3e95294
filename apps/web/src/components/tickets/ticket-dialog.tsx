"use client";

import { type FormEvent, type ReactNode, useId } from "react";
import { useModalDialog } from "~/components/use-modal-dialog.ts";

interface TTicketDialogProps {
  open: boolean;
  heading: string;
  description: string;
  submitLabel: string;
  busyLabel: string;
  cancelLabel: string;
  busy: boolean;
  /** The refusal to show inside the dialog (announced as an alert). */
  error: string | null;
  onSubmit(form: FormData): void;
  onClose(): void;
  children: ReactNode;
}

/**
 * A modal form for one ticket change: a native <dialog> opened with showModal (the browser moves
 * focus into it, keeps the page behind it inert and returns focus to the button that opened it);
 * Escape and Cancel close it unless a request is running.
 */
export function TicketDialog({
  open,
  heading,
  description,
  submitLabel,
  busyLabel,
  cancelLabel,
  busy,
  error,
  onSubmit,
  onClose,
  children,
}: TTicketDialogProps) {
  const ref = useModalDialog(open);
  const ids = useId();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!busy) onSubmit(new FormData(event.currentTarget));
  }

  return (
    <dialog
      ref={ref}
      className="ticket-dialog"
      aria-labelledby={`${ids}-heading`}
      aria-describedby={`${ids}-body`}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onClose();
      }}
    >
      {open ? (
        <form className="ticket-dialog-form" onSubmit={submit} noValidate>
          <h2 id={`${ids}-heading`}>{heading}</h2>
          <p id={`${ids}-body`} className="muted">
            {description}
          </p>
          {children}
          {error ? (
            <p className="alert" role="alert">
              {error}
            </p>
          ) : null}
          <div className="ticket-dialog-actions">
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? busyLabel : submitLabel}
            </button>
            <button type="button" className="button" onClick={onClose} disabled={busy}>
              {cancelLabel}
            </button>
          </div>
        </form>
      ) : null}
    </dialog>
  );
}

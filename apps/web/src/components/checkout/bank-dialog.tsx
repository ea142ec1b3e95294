"use client";

import { useId } from "react";
import { useModalDialog } from "~/components/use-modal-dialog.ts";
import { useI18n } from "~/i18n/provider.tsx";

interface TBankDialogProps {
  open: boolean;
  amount: string;
  busy: boolean;
  onAuthorise(): void;
  onFail(): void;
  /** Escape or Cancel: the payment stays unconfirmed, the buyer may pay again. */
  onCancel(): void;
}

/**
 * The test server's stand-in for the bank's 3-D Secure page: a modal <dialog> (the browser moves
 * focus into it and keeps the rest of the page inert; Escape closes it), focus back on the Pay
 * button afterwards (the browser returns it to the element that had it).
 */
export function BankDialog({ open, amount, busy, onAuthorise, onFail, onCancel }: TBankDialogProps) {
  const { m } = useI18n();
  const ref = useModalDialog(open);
  const ids = useId();

  return (
    <dialog
      ref={ref}
      className="bank-dialog"
      aria-labelledby={`${ids}-heading`}
      aria-describedby={`${ids}-body`}
      onCancel={(event) => {
        // Escape: let the parent decide (it closes the dialog through `open`).
        event.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <h2 id={`${ids}-heading`}>{m.checkout.bankDialogHeading}</h2>
      <p id={`${ids}-body`}>{m.checkout.bankDialogBody(amount)}</p>
      <div className="bank-dialog-actions">
        <button type="button" className="button button-primary" onClick={onAuthorise} disabled={busy} autoFocus>
          {m.checkout.authorise}
        </button>
        <button type="button" className="button" onClick={onFail} disabled={busy}>
          {m.checkout.fail}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={busy}>
          {m.checkout.cancel}
        </button>
      </div>
    </dialog>
  );
}

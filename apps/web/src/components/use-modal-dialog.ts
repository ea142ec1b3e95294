"use client";

import { type RefObject, useEffect, useRef } from "react";

/** A native <dialog> shown as a modal while `open` holds (focus trap, Escape and backdrop from the browser). */
export function useModalDialog(open: boolean): RefObject<HTMLDialogElement | null> {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return ref;
}

"use client";

import { appErrorOf } from "@marquee/ui/trpc/app-error";
import type { ReactNode } from "react";

/** The message for one field from a failed mutation: zod's issue on it, or the AppError naming it. */
export function fieldError(error: unknown, field: string): string | undefined {
  if (!error) return undefined;
  const info = appErrorOf(error);
  const issue = info.issues.find((i) => i.path === field || i.path.startsWith(`${field}.`));
  if (issue) return issue.message;
  if (info.details?.field === field) return (error as { message?: string }).message;
  return undefined;
}

/** A form-wide error that no field took. */
export function FormError({ error, fields }: { error: unknown; fields: string[] }) {
  if (!error || fields.some((f) => fieldError(error, f))) return null;
  return (
    <p className="alert" role="alert">
      {(error as { message?: string }).message ?? "Something went wrong."}
    </p>
  );
}

/** A labelled input with its error right under it (aria-describedby ties them). */
export function Field({ id, label, error, hint, children }: { id: string; label: string; error?: string; hint?: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint ? (
        <span id={`${id}-hint`} className="muted small">
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={`${id}-error`} className="field-error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}

/** `<input type="datetime-local">` value of a date in the browser's zone, and back. */
export const toLocalInput = (date: Date | null | undefined) => {
  if (!date) return "";
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
};
export const fromLocalInput = (value: FormDataEntryValue | null) => (typeof value === "string" && value ? new Date(value) : null);
export const textOf = (value: FormDataEntryValue | null) => (typeof value === "string" ? value : "");
export const intOf = (value: FormDataEntryValue | null) => (typeof value === "string" && value.trim() !== "" ? Number.parseInt(value, 10) : null);

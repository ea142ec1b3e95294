"use client";

import type { AdminRouterOutputs } from "@marquee/api";
import { MAX_EVENT_IMAGE_BYTES, MAX_IMAGE_ALT_LENGTH } from "@marquee/api/services/event-image/event-image-files";
import { useTRPC } from "@marquee/ui/trpc";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type ChangeEvent, type FormEvent, useEffect, useState } from "react";
import { Field, fieldError } from "./form-kit.tsx";

type TEvent = AdminRouterOutputs["event"]["detail"];
/** The picker offers these; the server judges the type by the file's bytes, whatever the browser says. */
const ACCEPTED_TYPES = ["image/jpeg", "image/png", "image/webp"];
const UPLOAD_URL = "/api/event-image";

interface TImageProblem {
  field: "image" | "alt" | null;
  message: string;
}

/** The route's REST error body (`{ error: { code, message } }`) as a problem shown under the form. */
async function problemOf(response: Response): Promise<TImageProblem> {
  const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string; details?: { field?: string } } } | null;
  const code = body?.error?.code ?? `HTTP_${response.status}`;
  const field =
    body?.error?.details?.field === "alt" ? "alt" : ["UNSUPPORTED_MEDIA_TYPE", "PAYLOAD_TOO_LARGE", "VALIDATION_ERROR"].includes(code) ? "image" : null;
  return { field, message: `${body?.error?.message ?? "The image could not be saved."} (${code})` };
}

/**
 * The event's image: choose a JPEG, PNG or WebP (at most 10 MB), see it, describe it (required:
 * the shop's alt text), upload it through the console's /api/event-image route; or remove it. The
 * description alone is saved through event.update.
 */
export function EventImageForm({ organizationId, event }: { organizationId: string; event: TEvent }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const update = useMutation(trpc.event.update.mutationOptions());
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [alt, setAlt] = useState(event.imageAlt);
  const [problem, setProblem] = useState<TImageProblem | null>(null);
  const [status, setStatus] = useState("");
  const [busy, setBusy] = useState(false);
  // A new key empties the file input once its file is saved.
  const [pickerKey, setPickerKey] = useState(0);
  const target = `${UPLOAD_URL}?${new URLSearchParams({ organizationId, eventId: event.id }).toString()}`;

  useEffect(() => (preview ? () => URL.revokeObjectURL(preview) : undefined), [preview]);

  const choose = (e: ChangeEvent<HTMLInputElement>) => {
    const chosen = e.target.files?.[0] ?? null;
    setStatus("");
    setProblem(null);
    if (chosen && !ACCEPTED_TYPES.includes(chosen.type)) setProblem({ field: "image", message: "Choose a JPEG, PNG or WebP image." });
    else if (chosen && chosen.size > MAX_EVENT_IMAGE_BYTES)
      setProblem({ field: "image", message: `Images may be at most ${MAX_EVENT_IMAGE_BYTES / 1024 / 1024} MB.` });
    setFile(chosen);
    setPreview(chosen ? URL.createObjectURL(chosen) : null);
  };

  const saved = async (message: string) => {
    await queryClient.invalidateQueries({ queryKey: trpc.event.pathKey() });
    setFile(null);
    setPreview(null);
    setPickerKey((key) => key + 1);
    setStatus(message);
  };

  const call = async (init: RequestInit, message: string) => {
    setBusy(true);
    try {
      const response = await fetch(target, init);
      if (response.ok) await saved(message);
      else setProblem(await problemOf(response));
    } catch {
      setProblem({ field: null, message: "The console could not be reached. Try again." });
    } finally {
      setBusy(false);
    }
  };

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setStatus("");
    setProblem(null);
    if (alt.trim() === "") return setProblem({ field: "alt", message: "Describe the image for people who cannot see it." });
    if (file) {
      const body = new FormData();
      body.set("image", file);
      body.set("alt", alt);
      return void call({ method: "POST", body }, "Image saved.");
    }
    if (!event.image) return setProblem({ field: "image", message: "Choose an image file." });
    update.mutate({ organizationId, eventId: event.id, imageAlt: alt }, { onSuccess: () => void saved("Description saved.") });
  };

  const remove = () => {
    setStatus("");
    setProblem(null);
    void call({ method: "DELETE" }, "Image removed.");
  };

  const shown = preview ?? event.image?.url ?? null;
  const imageError = problem?.field === "image" ? problem.message : undefined;
  const altError = problem?.field === "alt" ? problem.message : fieldError(update.error, "imageAlt");
  return (
    <form className="card stack event-form" onSubmit={submit} aria-labelledby="event-image-heading" noValidate>
      <h2 id="event-image-heading">Image</h2>
      <p className="muted small">The shop&apos;s event pages show a change within a minute (they are cached for 30 seconds).</p>
      {shown ? (
        // A blob: preview or the console's own /api/images copy, already in sized WebP: a plain img.
        <img className="event-image-preview" src={shown} alt={alt} width={event.image?.width} height={event.image?.height} />
      ) : (
        <p className="muted">No image yet: the shop draws a poster from the event&apos;s name.</p>
      )}
      <Field id="event-image" label="Image file (JPEG, PNG or WebP, at most 10 MB)" error={imageError}>
        <input
          key={pickerKey}
          id="event-image"
          type="file"
          accept={ACCEPTED_TYPES.join(",")}
          onChange={choose}
          aria-describedby={imageError ? "event-image-error" : undefined}
        />
      </Field>
      <Field id="event-image-alt" label="Image description (alt text)" hint="What the image shows, for people who cannot see it." error={altError}>
        <input
          id="event-image-alt"
          required
          maxLength={MAX_IMAGE_ALT_LENGTH}
          value={alt}
          onChange={(e) => setAlt(e.target.value)}
          aria-describedby={altError ? "event-image-alt-error" : "event-image-alt-hint"}
        />
      </Field>
      {problem && problem.field === null ? (
        <p className="alert" role="alert">
          {problem.message}
        </p>
      ) : null}
      <p role="status" className="muted">
        {status}
      </p>
      <div className="actions-row">
        <button type="submit" className="button button-primary" disabled={busy || update.isPending}>
          {busy || update.isPending ? "Saving…" : file ? "Upload image" : "Save description"}
        </button>
        {event.image ? (
          <button type="button" className="button button-danger" disabled={busy} onClick={remove}>
            Remove image
          </button>
        ) : null}
      </div>
    </form>
  );
}
